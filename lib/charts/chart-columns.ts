import { getMetric } from "@/lib/metrics";
import type { ChartColumn } from "./chart-table";

/** A chart table's column. */
export const col = (key: string, label: string, type: ChartColumn["type"] = "number", unit?: string): ChartColumn => ({
  key,
  label,
  type,
  unit,
});

/** A column holding a dictionary metric: its name and unit by default. */
export const metricCol = (key: string, metricId: string, label?: string): ChartColumn => {
  const m = getMetric(metricId);
  return { key, label: label ?? m.name, type: "number", unit: m.unit, metric: metricId };
};

/** The report count behind a figure's column, shown beside it where it differs from the row's report count. */
export const nCol = (of: ChartColumn): ChartColumn => ({
  key: `${of.key}N`,
  label: `${of.label}·报告数（n）`,
  type: "number",
  nOf: of.key,
});

export const YEAR_COL = col("year", "年度", "number");

/** A stored report's publication and check facts, in the order every report list shows them. */
export const REPORT_FACT_COLUMNS: readonly ChartColumn[] = [
  col("publishedAt", "发布日期", "text"),
  col("deadline", "法定期限", "text"),
  col("daysLate", "逾期天数", "number", "天"),
  col("checksPassed", "勾稽校验通过", "boolean"),
  col("issueCount", "问题条数", "number", "条"),
];
