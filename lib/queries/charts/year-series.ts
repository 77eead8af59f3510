import "server-only";
import type { Db } from "@/db/client";
import type { Scope } from "@/lib/auth/scope";
import { col, metricCol, YEAR_COL } from "@/lib/charts/chart-columns";
import type { ChartColumn, ChartRow } from "@/lib/charts/chart-table";
import { listMetricNotes } from "@/lib/charts/metric-notes";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import {
  APPLICANT_TYPES,
  appliesToYear,
  getMetric,
  isRatio,
  type MetricValue,
  OUTCOME_CATEGORIES,
  REVIEW_BLOCK_NAMES,
  REVIEW_RESULTS,
} from "@/lib/metrics";
import { aggregateMetrics } from "../aggregate-metrics";
import type { BuiltChart, ChartBuilder } from "./built-chart";
import { listYears } from "./list-years";

const MAX_EMPTY_SPAN = 30;

/** The filter's years (its bounds, else the first and last year with reports), every one of them. */
export function listYearRange(filter: DashboardFilter, withReports: number[]): number[] {
  if (withReports.length === 0) return [];
  const [first, last] = [Math.min(...withReports), Math.max(...withReports)];
  let [from, to] = [filter.from ?? first, filter.to ?? last];
  // A range far wider than the data (from=2000&to=2100) is not drawn as decades of empty years.
  if (to - from + 1 > MAX_EMPTY_SPAN) [from, to] = [Math.max(from, first), Math.min(to, last)];
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** One row per year of the range: each column's metric (null where the year's layout lacks it) and a ratio's n. */
async function buildYearSeries(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  columns: ChartColumn[],
  extraNotes: string[] = [],
): Promise<BuiltChart> {
  const metricIds = columns.filter((c) => c.metric).map((c) => c.metric!);
  // A ratio's n (reports counted in it) sits next to it: n differs between ratios and from the report count.
  const withN = columns.flatMap((c) =>
    c.metric && isRatio(getMetric(c.metric)) ? [c, col(`${c.key}N`, `${c.label}·报告数（n）`)] : [c],
  );
  const [aggregates, years] = await Promise.all([
    aggregateMetrics(db, filter, scope, { metricIds, groupBy: "year" }),
    listYears(db, filter, scope),
  ]);
  // Every year of the range gets a row: a metric a layout lacks, and a year without reports (缺报, reports 0), show
  // as gaps (null), never as a year missing from the axis.
  const byYear = new Map(aggregates.map((r) => [r.year, r]));
  const rows = listYearRange(filter, [...years, ...aggregates.map((r) => r.year!)]).map(
    (year) => byYear.get(year) ?? { year, group: null, reports: 0, metrics: {} as Record<string, MetricValue> },
  );
  return {
    columns: [YEAR_COL, ...withN],
    rows: rows.map((r) => {
      const out: ChartRow = { year: r.year };
      for (const c of columns) {
        if (c.key === "reports") out.reports = r.reports;
        else if (c.metric) {
          const metric = getMetric(c.metric);
          const applies = appliesToYear(metric, r.year!);
          out[c.key] = applies ? (r.metrics[c.metric]?.value ?? null) : null;
          if (isRatio(metric)) out[`${c.key}N`] = applies ? (r.metrics[c.metric]?.n ?? 0) : null;
        }
      }
      return out;
    }),
    notes: [...extraNotes, ...listMetricNotes(metricIds)],
    metrics: metricIds,
  };
}

const REPORTS_COL = col("reports", "报告数（n）");

export const buildApplicationsByYear: ChartBuilder = (db, filter, scope) =>
  buildYearSeries(db, filter, scope, [
    REPORTS_COL,
    ...APPLICANT_TYPES.map((t) => metricCol(t.key, `applications.received.${t.key}`, t.name)),
    metricCol("total", "applications.received", "新收申请总计"),
    metricCol("carriedOver", "applications.carriedOver"),
    metricCol("processed", "applications.processed"),
    metricCol("carriedForward", "applications.carriedForward"),
  ]);

export const buildOutcomesByYear: ChartBuilder = (db, filter, scope) =>
  buildYearSeries(db, filter, scope, [
    REPORTS_COL,
    metricCol("processed", "applications.processed"),
    ...OUTCOME_CATEGORIES.map((c) => metricCol(c.key, `outcomes.${c.key}`)),
    ...OUTCOME_CATEGORIES.map((c) => metricCol(`${c.key}Share`, `outcomes.${c.key}.share`)),
    metricCol("openRate", "outcomes.openRate"),
  ]);

export const buildLicensingByYear: ChartBuilder = (db, filter, scope) =>
  buildYearSeries(db, filter, scope, [
    REPORTS_COL,
    metricCol("licensingDecisions", "active.licensing.decisions"),
    metricCol("penaltyDecisions", "active.penalty.decisions"),
    metricCol("coercionDecisions", "active.coercion.decisions"),
    metricCol("licensingPrevious", "active.licensing.previous"),
    metricCol("licensingChange", "active.licensing.change"),
    metricCol("feesChange", "active.fees.change"),
    metricCol("feesAmount", "active.fees.amount"),
  ]);

export const buildProcurementByYear: ChartBuilder = (db, filter, scope) =>
  buildYearSeries(
    db,
    filter,
    scope,
    [REPORTS_COL, metricCol("count", "active.procurement.count"), metricCol("amount", "active.procurement.amount")],
    ["政府集中采购仅见于 2019 版表格（报告年度 2019–2020）；2021 年起的年度报告不再填报此项，表中为空而非 0。"],
  );

export const buildReviewByYear: ChartBuilder = (db, filter, scope) =>
  buildYearSeries(db, filter, scope, [
    REPORTS_COL,
    ...Object.entries(REVIEW_BLOCK_NAMES).flatMap(([block]) => [
      ...[...REVIEW_RESULTS, { key: "total" }].map((r) => metricCol(`${block}_${r.key}`, `${block}.${r.key}`)),
      metricCol(`${block}_correctionRate`, `${block}.correctionRate`),
    ]),
  ]);

export const buildQualityByYear: ChartBuilder = (db, filter, scope) =>
  buildYearSeries(db, filter, scope, [
    metricCol("received", "quality.received"),
    metricCol("expected", "quality.expected"),
    metricCol("missing", "quality.missing"),
    metricCol("completeness", "quality.completeness"),
    metricCol("late", "quality.late"),
    metricCol("onTimeRate", "quality.onTimeRate"),
    metricCol("checksPassedRate", "quality.checksPassedRate"),
    metricCol("issuesPerReport", "quality.issuesPerReport"),
  ]);
