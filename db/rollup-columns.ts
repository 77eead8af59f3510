import { METRICS } from "../lib/metrics/definitions";
import { CELL_BY_PATH } from "./cells";

/** The precomputed parts of one cell metric in `report_rollups`: Σ numerator, Σ denominator and n per group. */
export type RollupMetricColumns = {
  metricId: string;
  num: string;
  den?: string;
  n: string;
  /** Money cells sum exactly as numeric; counts as bigint. */
  money: boolean;
};

const snake = (id: string) =>
  id
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

const isMoney = (paths: readonly string[]) => paths.some((p) => CELL_BY_PATH.get(p)?.kind === "money");

/** One entry per cell metric of the dictionary, in dictionary order (adding a metric adds columns: a migration). */
export const ROLLUP_METRICS: readonly RollupMetricColumns[] = METRICS.flatMap((m) => {
  if (m.source !== "cells") return [];
  const base = `m_${snake(m.id)}`;
  return [
    {
      metricId: m.id,
      num: `${base}_num`,
      den: m.denominator ? `${base}_den` : undefined,
      n: `${base}_n`,
      money: isMoney([...m.numerator, ...(m.denominator ?? [])]),
    },
  ];
});

export const ROLLUP_BY_METRIC: ReadonlyMap<string, RollupMetricColumns> = new Map(
  ROLLUP_METRICS.map((c) => [c.metricId, c]),
);
