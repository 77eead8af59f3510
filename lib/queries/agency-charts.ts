import "server-only";
import { z } from "zod";
import { CELLS } from "@/db/cells";
import type { Db } from "@/db/client";
import type { Scope } from "@/lib/auth/scope";
import { AGENCY_CHART_TITLES, type AgencyChartId } from "@/lib/charts/chart-catalog";
import { col, metricCol, REPORT_FACT_COLUMNS } from "@/lib/charts/chart-columns";
import type { ChartColumn, ChartRow, ChartTable } from "@/lib/charts/chart-table";
import { listMetricNotes } from "@/lib/charts/metric-notes";
import { downloadFlagSchema, EXPORT_FORMATS } from "@/lib/filters/dashboard-filter";
import { getMetric, isRatio, METRICS } from "@/lib/metrics";
import { isCellInLayout, isPathUnder } from "@/lib/report/cell-layout";
import { ACTIVE_COLUMN_LABELS } from "@/lib/report/official-layout";
import {
  ACTIVE_ROWS,
  type ActiveRowKey,
  APPLICANT_COLUMN_LABELS,
  APPLICATION_ROWS,
  type ApplicantColumn,
  type ApplicationRowKey,
  type Layout,
  REVIEW_BLOCKS,
  REVIEW_COLUMN_LABELS,
  type ReviewBlockKey,
  type ReviewColumn,
} from "@/lib/report/schema";
import { type AgencyPage, collectReportCells, getCachedAgencyPage } from "./agency-page";
import { describeCaption, getDataAsOf } from "./chart-caption";

/** Why an agency's page, chart or workbook is not served: unknown, or outside the caller's scope (not told apart). */
export const AGENCY_OUT_OF_REACH = "没有找到该机关，或它不在您的数据范围内。";

/** Query of an agency chart endpoint: the format, view or detail rows, and (report cells) the year. */
export const agencyChartQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { message: "导出格式应为 json、csv 或 xlsx" }).optional(),
  rows: z.enum(["view", "detail"], { message: "rows 应为 view 或 detail" }).optional(),
  download: downloadFlagSchema,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type AgencyChartParams = { year?: number };

type BuiltAgencyChart = Pick<ChartTable, "columns" | "rows" | "notes" | "metrics"> & { params?: AgencyChartParams };

const GROUP_NAMES: Record<string, string> = {
  applications: "申请数量",
  outcomes: "办理结果",
  active: "主动公开（许可、处罚、强制、收费、采购）",
  review: "行政复议与行政诉讼",
};

const TREND_METRICS = ["applications.received", "applications.processed", "outcomes.openRate"] as const;
const CELL_METRIC_IDS = METRICS.filter((m) => m.source === "cells").map((m) => m.id);

const metricValue = (page: AgencyPage, metricId: string, year: number) =>
  page.series.find((s) => s.id === metricId)?.values[year] ?? null;

/** Chinese label of a canonical cell path as printed in the official tables, e.g. "表三 （一）予以公开 · 自然人". */
export function labelCellPath(path: string): string {
  const [head, row, column] = path.split(".");
  if (head === "active" && row in ACTIVE_ROWS) {
    return `表二 ${ACTIVE_ROWS[row as ActiveRowKey].label} · ${ACTIVE_COLUMN_LABELS[column] ?? column}`;
  }
  if (head === "applications" && row in APPLICATION_ROWS) {
    const columnLabel = APPLICANT_COLUMN_LABELS[column as ApplicantColumn] ?? column;
    return `表三 ${APPLICATION_ROWS[row as ApplicationRowKey].label} · ${columnLabel}`;
  }
  if (head in REVIEW_BLOCKS) {
    return `表四 ${REVIEW_BLOCKS[head as ReviewBlockKey]} · ${REVIEW_COLUMN_LABELS[row as ReviewColumn] ?? row}`;
  }
  return path;
}

/** Every per-report row behind an agency chart: one row per current report, with the chart's metrics. */
function buildAgencyDetailRows(
  page: AgencyPage,
  metricIds: readonly string[],
): Pick<BuiltAgencyChart, "columns" | "rows"> {
  const reports = [...page.current].sort((a, b) => a.year - b.year);
  return {
    columns: [
      col("year", "年度"),
      col("layout", "表格版式", "text"),
      ...metricIds.map((id) => metricCol(id, id)),
      ...REPORT_FACT_COLUMNS,
      col("fileName", "原始文件", "text"),
      col("parserVersion", "解析器版本", "text"),
      col("reportId", "报告编号"),
      col("documentId", "文档编号"),
    ],
    rows: reports.map((r) => ({
      year: r.year,
      layout: r.layout ? `${r.layout} 版` : null,
      ...Object.fromEntries(metricIds.map((id) => [id, metricValue(page, id, r.year)])),
      publishedAt: r.publishedAt,
      deadline: r.deadline,
      daysLate: r.daysLate,
      checksPassed: r.checksPassed,
      issueCount: r.issueCount,
      fileName: r.fileName,
      parserVersion: r.parserVersion,
      reportId: r.reportId,
      documentId: r.documentId,
    })),
  };
}

const builders: Record<AgencyChartId, (page: AgencyPage, params: AgencyChartParams) => BuiltAgencyChart> = {
  "agency-trend": (page) => ({
    columns: [
      col("year", "年度"),
      metricCol("received", "applications.received", "新收申请"),
      metricCol("processed", "applications.processed", "办结"),
      metricCol("openRate", "outcomes.openRate", "公开率"),
    ],
    rows: page.years.map((year) => ({
      year,
      received: metricValue(page, "applications.received", year),
      processed: metricValue(page, "applications.processed", year),
      openRate: metricValue(page, "outcomes.openRate", year),
    })),
    notes: ["每年度取该机关当前版本的年度报告。", ...listMetricNotes(TREND_METRICS)],
    metrics: [...TREND_METRICS],
  }),

  "agency-series": (page) => ({
    columns: [
      col("group", "分组", "text"),
      col("metric", "指标编号", "text"),
      col("name", "指标", "text"),
      col("unit", "单位", "text"),
      ...page.years.map((y) => col(`y${y}`, `${y}年`)),
    ],
    rows: page.series.map((s) => {
      const ratio = isRatio(getMetric(s.id));
      const row: ChartRow = {
        group: GROUP_NAMES[s.group] ?? s.group,
        metric: s.id,
        name: s.name,
        unit: s.unit,
      };
      for (const y of page.years) {
        const value = s.values[y] ?? null;
        // Rows mix units, so a rate is given in percent here (83.3 with unit %), as the page prints it.
        row[`y${y}`] = value !== null && ratio ? Math.round(value * 100 * 1e6) / 1e6 : value;
      }
      return row;
    }),
    notes: [
      "每年度取该机关当前版本的年度报告；空白（“—”）：该年度报告无此项（如 2021 版表格无政府集中采购）或分母为 0。",
      "比率类指标（单位 %）以百分数给出：83.3 即 83.3%。",
      ...listMetricNotes(CELL_METRIC_IDS),
    ],
    metrics: CELL_METRIC_IDS,
  }),

  "agency-cells": (page, params) => {
    const year = params.year ?? page.years.at(-1);
    const report = page.current.find((r) => r.year === year);
    if (!report) return { params: { year }, columns: cellColumns, rows: [], notes: [], metrics: [] };
    const cells = collectReportCells(report.parsed, report.year, report.layout).cells;
    const layout = report.layout as Layout | null;
    const used = new Set<number>();
    const rows: ChartRow[] = [];
    for (const cell of CELLS) {
      const value = cells[cell.path] ?? null;
      if (layout ? !isCellInLayout(cell.path, layout) && value === null : value === null) continue;
      const issues = report.issues.filter((issue, i) => {
        const hit = issue.cells.some((c) => isPathUnder(cell.path, c));
        if (hit) used.add(i);
        return hit;
      });
      rows.push({
        path: cell.path,
        label: labelCellPath(cell.path),
        value,
        issues: issues.map((i) => i.message).join("；") || null,
      });
    }
    report.issues.forEach((issue, i) => {
      if (!used.has(i))
        rows.push({ path: issue.cells.join("、") || null, label: "（整份报告）", value: null, issues: issue.message });
    });
    return {
      params: { year },
      columns: cellColumns,
      rows,
      notes: [
        `${year}年度报告（${layout ? `${layout} 版表格` : "版式未识别"}）的全部单元格，按报告原表所列；金额单位为万元。`,
        "空白：报告未列此项或数值未能识别；“问题”列出解析与核验中涉及该单元格（或其所在行、表）的问题。",
      ],
      metrics: [],
    };
  },
};

const cellColumns: ChartColumn[] = [
  col("path", "单元格路径", "text"),
  col("label", "项目", "text"),
  col("value", "数值"),
  col("issues", "问题", "text"),
];

function describeAgency(page: AgencyPage): string {
  const { agency, years } = page;
  return [
    `机关：${agency.name}（编号 ${agency.id}）`,
    `地区：${agency.regionPath.map((r) => r.name).join(" › ") || "未识别"}`,
    `年度：${years.length ? `全部已收报告（${years.join("、")}）` : "无"}`,
  ].join("；");
}

/** An agency chart's table from the page's data, in the shape every chart endpoint and export serves. */
export function buildAgencyChartTable(
  page: AgencyPage,
  chart: AgencyChartId,
  params: AgencyChartParams,
  rowsKind: "view" | "detail",
  datasetVersion: string,
): ChartTable {
  const built = builders[chart](page, params);
  const detail = rowsKind === "detail" && chart !== "agency-cells";
  const year = built.params?.year;
  return {
    chart,
    title: chart === "agency-cells" ? `${year ?? ""}年度报告单元格` : AGENCY_CHART_TITLES[chart],
    filter: {},
    subject: describeAgency(page),
    params: built.params ?? params,
    ...(detail ? buildAgencyDetailRows(page, built.metrics) : { columns: built.columns, rows: built.rows }),
    notes: detail ? ["明细：图表所依据的该机关每一份年度报告（当前版本）。", ...built.notes] : built.notes,
    metrics: built.metrics,
    rowsKind: detail ? "detail" : "view",
    datasetVersion,
    generatedAt: new Date().toISOString(),
  };
}

/** An agency chart from the cached page data; null when the agency does not exist or is outside the scope. */
export async function getAgencyChartTable(
  db: Db,
  agencyId: number,
  scope: Scope,
  chart: AgencyChartId,
  params: AgencyChartParams = {},
  rowsKind: "view" | "detail" = "view",
): Promise<ChartTable | null> {
  const [{ value: page, version }, dataAsOf] = await Promise.all([
    getCachedAgencyPage(db, agencyId, scope),
    getDataAsOf(db),
  ]);
  if (!page) return null;
  const table = buildAgencyChartTable(page, chart, params, rowsKind, version);
  const region = page.agency.regionPath.map((r) => r.name).join("");
  return { ...table, caption: describeCaption(table, dataAsOf, { name: page.agency.name, region }) };
}

/** The agency page's workbook: its charts, then each year's report cells; null like `getAgencyChartTable`. */
export async function listAgencyWorkbookTables(
  db: Db,
  agencyId: number,
  scope: Scope,
): Promise<{ agencyName: string; tables: ChartTable[] } | null> {
  const { value: page, version } = await getCachedAgencyPage(db, agencyId, scope);
  if (!page) return null;
  const tables = [
    buildAgencyChartTable(page, "agency-trend", {}, "view", version),
    buildAgencyChartTable(page, "agency-series", {}, "view", version),
    ...page.years.map((year) => buildAgencyChartTable(page, "agency-cells", { year }, "view", version)),
  ];
  return { agencyName: page.agency.name, tables };
}
