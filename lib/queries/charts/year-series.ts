import "server-only";
import type { Db } from "@/db/client";
import type { Scope } from "@/lib/auth/scope";
import { col, metricCol, nCol, YEAR_COL } from "@/lib/charts/chart-columns";
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
import { type AggregateRow, aggregateMetrics } from "../aggregate-metrics";
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

const MAX_NOTED_YEARS = 3;

/** Whether a figure gets its own n: a ratio always; a sum of cells where some year's n differs from its reports. */
function needsN(metricId: string, rows: AggregateRow[]): boolean {
  const metric = getMetric(metricId);
  if (isRatio(metric)) return true;
  if (metric.source !== "cells") return false;
  return rows.some((r) => appliesToYear(metric, r.year!) && (r.metrics[metricId]?.n ?? 0) !== r.reports);
}

/** The chart's note when its figures of one year rest on different reports (a blank cell is not a 0). */
function describeUnevenN(columns: ChartColumn[], rows: AggregateRow[]): string[] {
  const sums = columns.filter(
    (c) => c.metric && getMetric(c.metric).source === "cells" && !isRatio(getMetric(c.metric)),
  );
  const years = rows.flatMap((r) => {
    const uneven = sums.filter(
      (c) => appliesToYear(getMetric(c.metric!), r.year!) && (r.metrics[c.metric!]?.n ?? 0) !== r.reports,
    );
    if (r.reports === 0 || uneven.length === 0) return [];
    const byN = new Map<number, string[]>();
    for (const c of uneven) {
      const n = r.metrics[c.metric!]?.n ?? 0;
      byN.set(n, [...(byN.get(n) ?? []), c.label]);
    }
    const parts = [...byN].map(([n, labels]) => `${labels.join("、")}${n === 0 ? "无报告填报" : `据 ${n} 份`}`);
    return [`${r.year}年（共 ${r.reports} 份报告）：${parts.join("；")}`];
  });
  if (years.length === 0) return [];
  const shown = years.slice(0, MAX_NOTED_YEARS).join("；");
  const more = years.length > MAX_NOTED_YEARS ? `；另有 ${years.length - MAX_NOTED_YEARS} 个年度同样如此` : "";
  return [
    `各项数字所据的报告不尽相同（未填报的单元格不计入，也不按 0 计）：${shown}${more}。因此同一年度的各项数字不一定能相互加减核对；表格视图在每个数字旁标出其报告数 n。`,
  ];
}

/** One row per year of the range: each column's metric (null where the year's layout lacks it) and its n. */
async function buildYearSeries(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  columns: ChartColumn[],
  extraNotes: string[] = [],
): Promise<BuiltChart> {
  const metricIds = columns.filter((c) => c.metric).map((c) => c.metric!);
  const [aggregates, years, scopeYears] = await Promise.all([
    aggregateMetrics(db, filter, scope, { metricIds, groupBy: "year" }),
    listYears(db, filter, scope),
    listYears(db, {}, scope),
  ]);
  // Every year of the range gets a row: a metric a layout lacks, and a year without reports (缺报, reports 0), show
  // as gaps (null), never as a year missing from the axis.
  const byYear = new Map(aggregates.map((r) => [r.year, r]));
  // The axis runs to the latest year anyone in the scope reported: a region that stopped reporting shows 缺报 years.
  const latest = scopeYears.length && years.length ? [Math.max(...scopeYears)] : [];
  const rows = listYearRange(filter, [...years, ...aggregates.map((r) => r.year!), ...latest]).map(
    (year) => byYear.get(year) ?? { year, group: null, reports: 0, metrics: {} as Record<string, MetricValue> },
  );
  // A figure's n (reports counted in it) sits next to it where it can differ from the report count.
  const counted = new Set(metricIds.filter((id) => needsN(id, rows)));
  const withN = columns.flatMap((c) => (c.metric && counted.has(c.metric) ? [c, nCol(c)] : [c]));
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
          if (counted.has(c.metric)) out[`${c.key}N`] = applies ? (r.metrics[c.metric]?.n ?? 0) : null;
        }
      }
      return out;
    }),
    notes: [...extraNotes, ...describeUnevenN(columns, rows), ...listMetricNotes(metricIds)],
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
  buildYearSeries(
    db,
    filter,
    scope,
    [
      REPORTS_COL,
      metricCol("licensingDecisions", "active.licensing.decisions"),
      metricCol("penaltyDecisions", "active.penalty.decisions"),
      metricCol("coercionDecisions", "active.coercion.decisions"),
      metricCol("licensingPrevious", "active.licensing.previous"),
      metricCol("licensingChange", "active.licensing.change"),
      metricCol("feesChange", "active.fees.change"),
      metricCol("feesAmount", "active.fees.amount"),
    ],
    [
      "行政许可“本年增/减”（项）及上年项目数仅见于 2019 版表格（报告年度 2019–2020）；2021 年起的年度报告不再填报，折线在 2020 年止，表中为空而非 0。",
    ],
  );

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
