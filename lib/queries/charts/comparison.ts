import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportValues } from "@/db/schema";
import type { Scope } from "@/lib/auth/scope";
import { col, metricCol, YEAR_COL } from "@/lib/charts/chart-columns";
import type { ChartRow } from "@/lib/charts/chart-table";
import { pickComparedMetric } from "@/lib/charts/compared-metric";
import { listMetricNotes } from "@/lib/charts/metric-notes";
import { selectRows } from "@/lib/db/rows";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import { getMetric, isRatio } from "@/lib/metrics";
import { childrenOf } from "@/lib/regions";
import { aggregateMetrics } from "../aggregate-metrics";
import { buildFilterCondition, childGrouping, labelRegionGroup } from "../region-scope";
import type { ChartBuilder } from "./built-chart";
import { listYears } from "./list-years";
import { listYearRange } from "./year-series";

/** Names of the agencies with reports inside the filter (the children below county level), by id as text. */
async function listAgencyNames(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  year?: number,
): Promise<Map<string, string>> {
  const rows = await selectRows<{ id: number; name: string }>(
    db,
    sql`select distinct a.id, a.name from agencies a join ${reportValues} on ${reportValues.agencyId} = a.id
        where ${buildFilterCondition(year ? { ...filter, from: year, to: year } : filter, scope)}`,
  );
  return new Map(rows.map((r) => [String(r.id), r.name]));
}

/** The children of the filter's region (or its agencies) compared on one metric in one year, highest first. */
export const buildChildren: ChartBuilder = async (db, filter, scope, params) => {
  const metricId = pickComparedMetric(params.metric);
  const years = await listYears(db, filter, scope);
  const year = params.year ?? years.at(-1);
  const metric = getMetric(metricId);
  const grouping = childGrouping(filter.region);
  const rows = year
    ? await aggregateMetrics(db, { ...filter, from: year, to: year }, scope, {
        metricIds: [metricId],
        groupBy: "child",
      })
    : [];
  const names = grouping.kind === "agency" ? await listAgencyNames(db, filter, scope, year) : new Map<string, string>();
  const drillable = new Set(childrenOf(filter.region ?? null).map((r) => r.code));
  const out = rows.map((r) => {
    const value = r.metrics[metricId];
    const label =
      grouping.kind === "agency"
        ? (names.get(r.group!) ?? `机关 ${r.group}`)
        : labelRegionGroup(r.group, filter.region);
    return {
      code: r.group,
      name: label,
      year: year ?? null,
      value: value?.value ?? null,
      numerator: value?.numerator ?? null,
      denominator: value?.denominator ?? null,
      n: value?.n ?? 0,
      target: grouping.kind === "agency" ? "agency" : r.group && drillable.has(r.group) ? "region" : "list",
    };
  });
  out.sort((a, b) => (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY));
  return {
    params: { ...params, metric: metricId, year },
    columns: [
      col("code", grouping.kind === "agency" ? "机关编号" : "地区代码", "text"),
      col("name", grouping.kind === "agency" ? "机关" : "地区", "text"),
      YEAR_COL,
      metricCol("value", metricId),
      col("numerator", isRatio(metric) ? "分子合计" : "合计"),
      ...(isRatio(metric) ? [col("denominator", "分母合计")] : []),
      col("n", "报告数（n）"),
      col("target", "下钻", "text"),
    ],
    rows: out,
    notes: [`${year ?? "—"}年度；各组取当前版本报告。`, ...listMetricNotes([metricId])],
    metrics: [metricId],
  };
};

/** The children × years of one metric, each cell with its own n. */
export const buildHeatmap: ChartBuilder = async (db, filter, scope, params) => {
  const metricId = pickComparedMetric(params.metric);
  const grouping = childGrouping(filter.region);
  const [rows, scopeYears] = await Promise.all([
    aggregateMetrics(db, filter, scope, { metricIds: [metricId], groupBy: "childYear" }),
    listYears(db, {}, scope),
  ]);
  // The same years as the trends: gaps between and after (to the scope's latest year) are 缺报 cells.
  const withData = rows.map((r) => r.year!);
  const years = listYearRange(filter, withData.length ? [...withData, Math.max(...scopeYears)] : []);
  const names = grouping.kind === "agency" ? await listAgencyNames(db, filter, scope) : new Map<string, string>();
  const byGroup = new Map<string, ChartRow>();
  for (const r of rows) {
    const key = r.group ?? "";
    let row = byGroup.get(key);
    if (!row) {
      row = {
        code: r.group,
        name:
          grouping.kind === "agency"
            ? (names.get(r.group!) ?? `机关 ${r.group}`)
            : labelRegionGroup(r.group, filter.region),
      };
      byGroup.set(key, row);
    }
    row[`y${r.year}`] = r.metrics[metricId]?.value ?? null;
    row[`n${r.year}`] = r.metrics[metricId]?.n ?? 0;
  }
  const metric = getMetric(metricId);
  return {
    params: { ...params, metric: metricId },
    columns: [
      col("code", "代码", "text"),
      col("name", grouping.kind === "agency" ? "机关" : "地区", "text"),
      ...years.map((y) => ({ ...col(`y${y}`, `${y}年`), unit: metric.unit, metric: metricId })),
      ...years.map((y) => col(`n${y}`, `${y}年·报告数（n）`)),
    ],
    rows: [...byGroup.values()].sort((a, b) => String(a.code).localeCompare(String(b.code))),
    notes: listMetricNotes([metricId]),
    metrics: [metricId],
  };
};
