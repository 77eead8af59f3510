import "server-only";
import { col, YEAR_COL } from "@/lib/charts/chart-columns";
import { listMetricNotes } from "@/lib/charts/metric-notes";
import { computeChange, getMetric, isRatio } from "@/lib/metrics";
import { aggregateMetrics } from "../aggregate-metrics";
import type { ChartBuilder } from "./built-chart";

const KPI_METRIC_IDS = [
  "applications.received",
  "applications.processed",
  "outcomes.openRate",
  "applications.carriedForward",
  "review.total",
  "review.correctionRate",
  "litigationDirect.total",
  "litigationAfterReview.total",
  "quality.received",
  "quality.onTimeRate",
  "quality.checksPassedRate",
  "quality.missing",
];

/** The key figures of the latest year with reports, each with the year before and the change. */
export const buildKpis: ChartBuilder = async (db, filter, scope) => {
  const ids = KPI_METRIC_IDS;
  const rows = await aggregateMetrics(db, filter, scope, { metricIds: ids, groupBy: "year" });
  const withReports = rows.filter((r) => (r.metrics["quality.received"]?.value ?? 0) > 0);
  const latest = withReports.at(-1);
  const previous = latest ? rows.find((r) => r.year === latest.year! - 1) : undefined;
  return {
    columns: [
      col("metric", "指标编号", "text"),
      col("name", "指标", "text"),
      col("unit", "单位", "text"),
      YEAR_COL,
      col("value", "本年"),
      col("n", "报告数（n）"),
      col("previousYear", "上年度"),
      col("previous", "上年"),
      col("change", "同比变化（比率为百分点，其余为相对变化）"),
    ],
    rows: latest
      ? ids.map((id) => {
          const m = getMetric(id);
          const cur = latest.metrics[id];
          const prev = previous?.metrics[id]?.value ?? null;
          const change = computeChange(cur?.value ?? null, prev);
          return {
            metric: id,
            name: m.name,
            unit: m.unit,
            year: latest.year,
            value: cur?.value ?? null,
            n: cur?.n ?? 0,
            previousYear: latest.year! - 1,
            previous: prev,
            change: isRatio(m) ? change.absolute : change.relative,
          };
        })
      : [],
    notes: ["同比：计数与金额为相对变化（上年为 0 时显示“—”），比率为百分点差。", ...listMetricNotes(ids)],
    metrics: ids,
  };
};
