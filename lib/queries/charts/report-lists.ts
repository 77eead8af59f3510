import "server-only";
import type { Db } from "@/db/client";
import type { Scope } from "@/lib/auth/scope";
import { col, metricCol, REPORT_FACT_COLUMNS, YEAR_COL } from "@/lib/charts/chart-columns";
import type { ChartRow, ChartTable } from "@/lib/charts/chart-table";
import { findDetailSubset } from "@/lib/charts/detail-subsets";
import { listMetricNotes } from "@/lib/charts/metric-notes";
import { formatQualityFlags, listQualityFlags } from "@/lib/charts/quality-flags";
import type { ChartParams, DashboardFilter } from "@/lib/filters/dashboard-filter";
import { formatMetricValue, getMetric } from "@/lib/metrics";
import { AGENCY_KIND_LABELS } from "@/lib/report/schema";
import { aggregateMetrics } from "../aggregate-metrics";
import { listQualityAgencies, QUALITY_RANKING_NOTE } from "../quality-agencies";
import { listMissingAgencies, listReportRows, type MissingAgencyRow, type ReportRow } from "../report-rows";
import { type BuiltChart, type ChartBuilder, DETAIL_LIMIT_EXPORT, DETAIL_LIMIT_VIEW } from "./built-chart";
import { listYears } from "./list-years";

/** An agency with no report for the year, as a row of the report lists. */
function toMissingAgencyRow(m: MissingAgencyRow): ChartRow {
  return {
    agencyId: m.agencyId,
    agency: m.agency,
    region: m.region,
    kind: null,
    year: m.year,
    flags: formatQualityFlags([{ kind: "missing" }]),
    reportId: null,
  };
}

/** Agency-year reports as table rows, with the given metrics' per-report values and their quality flags. */
export function buildReportRowsTable(
  rows: ReportRow[],
  metricIds: readonly string[],
): Pick<BuiltChart, "columns" | "rows"> {
  return {
    columns: [
      col("agency", "机关", "text"),
      col("region", "地区", "text"),
      col("kind", "机关类型", "text"),
      YEAR_COL,
      col("layout", "表格版式", "text"),
      ...metricIds.map((id) => metricCol(id, id)),
      ...REPORT_FACT_COLUMNS,
      col("flags", "质量标记", "text"),
      col("agencyId", "机关编号", "number"),
      col("reportId", "报告编号", "number"),
    ],
    rows: rows.map((r) => ({
      agency: r.agency,
      region: r.region,
      kind: AGENCY_KIND_LABELS[r.kind as keyof typeof AGENCY_KIND_LABELS] ?? r.kind,
      year: r.year,
      layout: r.layout ? `${r.layout} 版` : null,
      ...Object.fromEntries(metricIds.map((id) => [id, r.values[id] ?? null])),
      publishedAt: r.publishedAt,
      deadline: r.deadline,
      daysLate: r.daysLate,
      checksPassed: r.checksPassed,
      issueCount: r.issueCount,
      flags: formatQualityFlags(listQualityFlags(r)),
      agencyId: r.agencyId,
      reportId: r.reportId,
    })),
  };
}

/** The agencies of the filter ranked worst first by data quality. */
export const buildQualityAgencies: ChartBuilder = async (db, filter, scope, params) => {
  const list = await listQualityAgencies(db, filter, scope, { year: params.year, limit: 100 });
  return {
    columns: [
      col("agency", "机关", "text"),
      col("region", "地区", "text"),
      col("failing", "勾稽不符报告", "number", "份"),
      col("missing", "缺报年度数", "number", "个"),
      col("missingYears", "缺报年度", "text"),
      col("late", "逾期报告", "number", "份"),
      col("issues", "问题条数", "number", "条"),
      col("agencyId", "机关编号", "number"),
    ],
    rows: list.rows.map((r) => ({
      agency: r.agency,
      region: r.region,
      failing: r.failing,
      missing: r.missingYears.length,
      missingYears: r.missingYears.join("、"),
      late: r.late,
      issues: r.issues,
      agencyId: r.agencyId,
    })),
    truncated: list.truncated,
    notes: [
      QUALITY_RANKING_NOTE,
      ...listMetricNotes(["quality.missing", "quality.onTimeRate", "quality.checksPassedRate"]),
    ],
    metrics: ["quality.missing", "quality.onTimeRate", "quality.checksPassedRate", "quality.issuesPerReport"],
  };
};

const AGENCY_LIST_METRIC_IDS = ["applications.received", "applications.processed", "outcomes.openRate", "review.total"];

/** Every agency's current report of one year (the latest by default), then the agencies missing that year. */
export const buildAgencyList: ChartBuilder = async (db, filter, scope, params) => {
  const years = await listYears(db, filter, scope);
  const year = params.year ?? years.at(-1);
  const ids = AGENCY_LIST_METRIC_IDS;
  const [list, missing] = year
    ? await Promise.all([
        listReportRows(db, filter, scope, { metricIds: ids, year, group: params.group, limit: DETAIL_LIMIT_VIEW }),
        listMissingAgencies(db, filter, scope, { year, group: params.group, limit: DETAIL_LIMIT_VIEW }),
      ])
    : [{ rows: [], truncated: false }, []];
  const table = buildReportRowsTable(list.rows, ids);
  return {
    params: { ...params, year },
    columns: table.columns,
    rows: [...table.rows, ...missing.map(toMissingAgencyRow)],
    truncated: list.truncated,
    notes: [
      `${year ?? "—"}年度各机关当前版本报告；“缺报”为上年度报送、本年度未见报告的机关。`,
      ...listMetricNotes(ids),
    ],
    metrics: ids,
  };
};

/**
 * The figure the list stands behind, as its total row: the same aggregate the KPI card and the charts show (a ratio
 * of sums, not a sum of the rows' ratios), so the list visibly reconciles with the card even when it is cut short.
 */
async function totalOfFigure(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  params: ChartParams,
): Promise<ChartTable["totals"]> {
  if (!params.metric || !params.year) return undefined;
  const metric = getMetric(params.metric);
  const narrowed = { ...filter, from: params.year, to: params.year };
  const rows = await aggregateMetrics(db, narrowed, scope, {
    metricIds: [metric.id],
    groupBy: params.group ? "child" : "total",
  });
  const row = params.group ? rows.find((r) => r.group === params.group) : rows[0];
  const figure = row?.metrics[metric.id];
  if (!row || !figure) return undefined;
  const counted = metric.source === "cells" ? `${row.reports} 份报告，其中 ${figure.n} 份填报此项` : `n = ${figure.n}`;
  return {
    label: "合计",
    values: {
      region: `${metric.name}：${formatMetricValue(figure.value, metric.unit)}（${counted}）`,
      [metric.id]: figure.value,
    },
  };
}

/** The reports behind a figure; for a quality figure only those it counts (late, failing) or the missing agencies. */
export const buildReportDetail: ChartBuilder = async (db, filter, scope, params, detail) => {
  const ids = params.metric ? [params.metric] : ["applications.received", "outcomes.openRate"];
  const shown = ids.filter((id) => getMetric(id).source === "cells");
  const limit = detail ? DETAIL_LIMIT_EXPORT : DETAIL_LIMIT_VIEW;
  const subset = findDetailSubset(params.metric);
  const notes = [...(subset ? [`明细：${subset.label}。`] : []), ...listMetricNotes(ids)];
  if (subset?.only === "missing") {
    const missing = await listMissingAgencies(db, filter, scope, { year: params.year, group: params.group, limit });
    const [table, totals] = [buildReportRowsTable([], shown), await totalOfFigure(db, filter, scope, params)];
    return { ...table, rows: missing.map(toMissingAgencyRow), totals, notes, metrics: ids };
  }
  const [list, totals] = await Promise.all([
    listReportRows(db, filter, scope, {
      metricIds: shown,
      year: params.year,
      group: params.group,
      only: subset?.only,
      limit,
    }),
    totalOfFigure(db, filter, scope, params),
  ]);
  return { ...buildReportRowsTable(list.rows, shown), totals, truncated: list.truncated, notes, metrics: ids };
};
