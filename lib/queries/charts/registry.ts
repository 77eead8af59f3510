import "server-only";
import type { Db } from "@/db/client";
import type { Scope } from "@/lib/auth/scope";
import { CHART_TITLES, type ChartId } from "@/lib/charts/chart-catalog";
import type { ChartTable } from "@/lib/charts/chart-table";
import type { ChartParams, DashboardFilter } from "@/lib/filters/dashboard-filter";
import { getMetric } from "@/lib/metrics";
import { describeCaption, getDataAsOf } from "../chart-caption";
import { cachedByVersion } from "../dataset-cache";
import { listReportRows } from "../report-rows";
import { type ChartBuilder, DETAIL_LIMIT_EXPORT } from "./built-chart";
import { buildChildren, buildHeatmap } from "./comparison";
import { buildKpis } from "./kpis";
import { buildAgencyList, buildQualityAgencies, buildReportDetail, buildReportRowsTable } from "./report-lists";
import {
  buildApplicationsByYear,
  buildLicensingByYear,
  buildOutcomesByYear,
  buildProcurementByYear,
  buildQualityByYear,
  buildReviewByYear,
} from "./year-series";

/** Each dashboard chart's builder: /api/charts/[chart], the page workbook and the CLI benchmark all go through it. */
const CHART_BUILDERS: Record<ChartId, ChartBuilder> = {
  kpis: buildKpis,
  "applications-by-year": buildApplicationsByYear,
  "outcomes-by-year": buildOutcomesByYear,
  "licensing-by-year": buildLicensingByYear,
  "procurement-by-year": buildProcurementByYear,
  "review-by-year": buildReviewByYear,
  "quality-by-year": buildQualityByYear,
  children: buildChildren,
  heatmap: buildHeatmap,
  "quality-agencies": buildQualityAgencies,
  agencies: buildAgencyList,
  detail: buildReportDetail,
};

/** The chart's data straight from the database (no cache); `getChartTable` is the cached entry point. */
export async function buildChartTable(
  db: Db,
  chart: ChartId,
  filter: DashboardFilter,
  scope: Scope,
  params: ChartParams = {},
  rowsKind: "view" | "detail" = "view",
) {
  const build = CHART_BUILDERS[chart];
  if (rowsKind === "detail" && chart !== "detail") {
    const view = await build(db, filter, scope, params, false);
    const ids = view.metrics.filter((id) => getMetric(id).source === "cells");
    const list = await listReportRows(db, filter, scope, {
      metricIds: ids,
      year: chart === "children" ? (view.params?.year ?? params.year) : params.year,
      group: params.group,
      limit: DETAIL_LIMIT_EXPORT,
    });
    return {
      ...view,
      ...buildReportRowsTable(list.rows, ids),
      truncated: list.truncated,
      notes: ["明细：图表所依据的每一份机关年度报告（当前版本）。", ...view.notes],
    };
  }
  return build(db, filter, scope, params, rowsKind === "detail");
}

/** The chart's table; `rows: "detail"` returns every agency-year report behind the chart instead. */
export async function getChartTable(
  db: Db,
  chart: ChartId,
  filter: DashboardFilter,
  scope: Scope,
  params: ChartParams = {},
  rowsKind: "view" | "detail" = "view",
): Promise<ChartTable> {
  const key = JSON.stringify([chart, filter, scope, params, rowsKind]);
  const [{ value, version }, dataAsOf] = await Promise.all([
    cachedByVersion(db, key, () => buildChartTable(db, chart, filter, scope, params, rowsKind)),
    getDataAsOf(db),
  ]);
  const chosen = value.params ?? params;
  return {
    caption: describeCaption({ filter, params: chosen }, dataAsOf),
    chart,
    title: CHART_TITLES[chart],
    filter,
    params: chosen,
    columns: value.columns,
    rows: value.rows,
    notes: value.notes,
    totals: value.totals,
    metrics: value.metrics,
    rowsKind,
    truncated: value.truncated,
    datasetVersion: version,
    generatedAt: new Date().toISOString(),
  };
}
