/**
 * Charts of the dashboard, in the overview's page order; every one is served (JSON, CSV, XLSX) by
 * /api/charts/[chart] from one function.
 */
export const CHART_IDS = [
  "kpis",
  "applications-by-year",
  "outcomes-by-year",
  "licensing-by-year",
  "procurement-by-year",
  "review-by-year",
  "quality-by-year",
  "detail",
  "children",
  "heatmap",
  "agencies",
  "quality-agencies",
] as const;
export type ChartId = (typeof CHART_IDS)[number];

export const CHART_TITLES: Record<ChartId, string> = {
  kpis: "关键指标",
  "applications-by-year": "新收政府信息公开申请（按申请人类型）",
  "outcomes-by-year": "申请办理结果构成",
  "licensing-by-year": "行政许可、处罚、强制与收费",
  "procurement-by-year": "政府集中采购",
  "review-by-year": "行政复议与行政诉讼结果",
  "quality-by-year": "报告质量（按年度）",
  children: "下级地区对比",
  heatmap: "地区 × 年度热力图",
  "quality-agencies": "数据质量：问题机关（最差在前）",
  agencies: "机关列表",
  detail: "明细：数字背后的年度报告",
};

/** Charts of an agency's page, served by /api/agencies/[id]/charts/[chart] from one function. */
export const AGENCY_CHART_IDS = ["agency-trend", "agency-series", "agency-cells"] as const;
export type AgencyChartId = (typeof AGENCY_CHART_IDS)[number];

export const AGENCY_CHART_TITLES: Record<AgencyChartId, string> = {
  "agency-trend": "各年度申请与公开率",
  "agency-series": "全部指标 · 各年度",
  "agency-cells": "年度报告单元格",
};
