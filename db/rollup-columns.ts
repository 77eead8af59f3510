import rollupMetricColumns from "./rollup-metric-columns.json";

/** The precomputed parts of one cell metric in `report_rollups`: Σ numerator, Σ denominator and n per group. */
export type RollupMetricColumns = {
  metricId: string;
  num: string;
  den?: string;
  n: string;
  /** Money cells sum exactly as numeric; counts as bigint. */
  money: boolean;
};

/** One entry per cell metric of the dictionary, in dictionary order (adding a metric adds columns: a migration). */
export const ROLLUP_METRICS = rollupMetricColumns.columns as readonly RollupMetricColumns[];

export const ROLLUP_BY_METRIC: ReadonlyMap<string, RollupMetricColumns> = new Map(
  ROLLUP_METRICS.map((c) => [c.metricId, c]),
);
