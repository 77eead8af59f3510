"use client";

import { computeChange, formatChange, formatMetricValue, getMetric, judgeChange } from "@/lib/metrics";
import "./kpi-cards.css";
import { useChartTable } from "./use-chart-table";

/** Said to screen readers, as the colour says it to the eye. */
const TONE_WORDS = { better: "（向好）", worse: "（变差）" } as const;

type Props = {
  search: string;
  /** Opens the reports behind a card's number; without it (a frozen view) the names are plain headings. */
  onOpenDetail?: (year: number, metricId: string) => void;
};

/** Headline numbers of the latest year in the filter, each with its year-over-year change and n; each opens its reports. */
export function KpiCards({ search, onOpenDetail }: Props) {
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
  if (data.rows.length === 0)
    return (
      <section aria-label="关键指标" className="card state state-empty" data-testid="kpi-cards">
        <p>当前筛选条件下没有收到任何年度报告，因此没有关键指标。</p>
        <p className="muted small">
          关键指标取筛选范围内最新一个有报告的年度；可放宽年度、机关类型或表格版式，或返回上一级地区。
        </p>
      </section>
    );
  return (
    <section aria-label="关键指标" className="kpi-grid" data-testid="kpi-cards">
      {data.rows.map((r) => {
        const metric = getMetric(String(r.metric));
        const value = typeof r.value === "number" ? r.value : null;
        const previous = typeof r.previous === "number" ? r.previous : null;
        const change = computeChange(value, previous);
        const text = formatChange(change, metric.unit);
        const tone = judgeChange(change, metric.direction);
        const year = Number(r.year);
        return (
          <article
            key={String(r.metric)}
            className="kpi kpi-card"
            data-metric={String(r.metric)}
            title={metric.definition}
          >
            <h3>
              {onOpenDetail ? (
                <button
                  type="button"
                  className="kpi-open"
                  aria-label={`${metric.name}：查看${year}年度背后的报告`}
                  onClick={() => onOpenDetail(year, metric.id)}
                >
                  {metric.name}
                </button>
              ) : (
                metric.name
              )}
            </h3>
            <p className="kpi-value" data-value={value ?? ""}>
              {formatMetricValue(value, metric.unit)}
            </p>
            <p className={`kpi-change ${tone}`} data-tone={tone}>
              同比 {text}
              {tone !== "neutral" && <span className="visually-hidden">{TONE_WORDS[tone]}</span>}
            </p>
            <p className="muted small">
              {year}年 · n = {String(r.n)}
            </p>
          </article>
        );
      })}
    </section>
  );
}
