"use client";

import { computeChange, formatChange, formatMetricValue, getMetric } from "@/lib/metrics";
import { useChartTable } from "./use-chart-table";

/** Headline numbers of the latest year in the filter, each with its year-over-year change and n. */
export function KpiCards({ search }: { search: string }) {
  const { data, error, isPending, refetch } = useChartTable("kpis", search);
  if (error) {
    return (
      <div className="card state state-error" role="alert">
        <p>{(error as Error).message}</p>
        <button type="button" className="tool-button" onClick={() => refetch()}>
          重试
        </button>
      </div>
    );
  }
  if (isPending)
    return (
      <div className="kpi-grid skeleton" style={{ height: 112 }} role="status" aria-busy="true" aria-label="加载中" />
    );
  if (data.rows.length === 0) return null;
  return (
    <section aria-label="关键指标" className="kpi-grid" data-testid="kpi-cards">
      {data.rows.map((r) => {
        const metric = getMetric(String(r.metric));
        const value = typeof r.value === "number" ? r.value : null;
        const previous = typeof r.previous === "number" ? r.previous : null;
        const change = computeChange(value, previous);
        const text = formatChange(change, metric.unit);
        const direction =
          change.absolute == null || change.absolute === 0 ? "flat" : change.absolute > 0 ? "up" : "down";
        return (
          <article key={String(r.metric)} className="kpi" data-metric={String(r.metric)} title={metric.definition}>
            <h3>{metric.name}</h3>
            <p className="kpi-value" data-value={value ?? ""}>
              {formatMetricValue(value, metric.unit)}
            </p>
            <p className={`kpi-change ${direction}`}>
              <span className="visually-hidden">同比</span>
              {text === "—" ? "同比 —" : `同比 ${text}`}
            </p>
            <p className="muted small">
              {String(r.year)}年 · n = {String(r.n)}
            </p>
          </article>
        );
      })}
    </section>
  );
}
