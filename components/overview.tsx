"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { ChartId } from "@/lib/charts/chart-catalog";
import type { CellValue, ChartColumn, ChartTable } from "@/lib/charts/chart-table";
import { pickComparedMetric } from "@/lib/charts/compared-metric";
import { findDetailSubset } from "@/lib/charts/detail-subsets";
import { listOverviewCharts, toOverviewExportSearch } from "@/lib/charts/overview-view";
import { isSevereFlag, labelQualityFlag, readQualityFlags } from "@/lib/charts/quality-flags";
import { type DashboardFilter, toFilterSearch } from "@/lib/filters/dashboard-filter";
import { APPLICANT_TYPES, COMPARABLE_METRIC_IDS, getMetric, OUTCOME_CATEGORIES } from "@/lib/metrics";
import { ChartCard } from "./chart-card";
import {
  buildApplicationsOption,
  buildChildrenOption,
  buildHeatmapOption,
  buildLicensingOption,
  buildOutcomesOption,
  buildProcurementOption,
  buildQualityOption,
  buildReviewOption,
  QUALITY_SERIES_METRICS,
  REVIEW_CHART_HEIGHT,
} from "./chart-options";
import type { EChartClick } from "./echart";
import { useFrozenView } from "./frozen-view";
import { KpiCards } from "./kpi-cards";
import { ShareViewButton } from "./share-view-button";
import { SnapshotLink } from "./snapshot-link";
import { useDashboardFilter, useViewState } from "./use-dashboard-filter";

type Props = {
  /** Level of the selected region: 0 全国, 1 province, 2 prefecture, 3 county. */
  level: number;
  regionName: string;
  years: number[];
  /** The user may download: the PDF snapshot is offered. */
  canExport: boolean;
};

/** A report list's special cells: the agency links to its page, the quality flags show as badges. */
const renderReportListCell = (column: ChartColumn, row: Record<string, CellValue>) => {
  if (column.key === "agency" && row.agencyId != null) {
    // A missing agency has no report that year to jump to.
    const year = row.year != null && row.reportId != null ? `?year=${row.year}#report-${row.year}` : "";
    return <Link href={`/agencies/${row.agencyId}${year}`}>{String(row.agency)}</Link>;
  }
  if (column.key === "flags" && row.flags) {
    return (
      <span className="flags">
        {readQualityFlags(row).map((flag) => {
          const label = labelQualityFlag(flag);
          return (
            <span key={label} className={`flag ${isSevereFlag(flag) ? "bad" : "warn"}`}>
              {label}
            </span>
          );
        })}
      </span>
    );
  }
  return undefined;
};

/**
 * The overview: KPI cards, trends by year, children comparison and heatmap, quality, agencies, detail rows.
 * In a frozen view (a share link) the same page shows the stored tables, with every control that changes the view off.
 */
export function Overview({ level, regionName, years, canExport }: Props) {
  const router = useRouter();
  const frozen = useFrozenView();
  const [filter, setFilter] = useDashboardFilter();
  const [view, setView] = useViewState();
  const dashboardFilter = Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value != null),
  ) as DashboardFilter;
  // The page and its workbook fetch each chart with the same params (listOverviewCharts).
  const charts = new Map(
    listOverviewCharts(dashboardFilter, view).map((c) => [
      c.chart,
      toFilterSearch({ ...dashboardFilter, ...c.params }),
    ]),
  );
  const searchOf = (chart: ChartId) => charts.get(chart) ?? "";
  const metric = pickComparedMetric(view.metric);
  const childLabel = level >= 3 ? "机关" : level === 0 ? "省份" : "下级地区";

  const scrollToDetail = useRef(false);
  const openDetail = (year: number | null, metricId: string | null, group?: string | null) => {
    scrollToDetail.current = year != null || group != null;
    setView({ detailYear: year, detailMetric: metricId, detailGroup: group ?? null });
  };
  const detailOpen = charts.has("detail");
  useEffect(() => {
    if (detailOpen && scrollToDetail.current) document.getElementById("detail")?.scrollIntoView({ block: "start" });
    scrollToDetail.current = false;
  });

  const yearClick = (metricOf: (e: EChartClick) => string | null) => (e: EChartClick, t: ChartTable) => {
    const year = t.rows[e.dataIndex]?.year;
    if (typeof year === "number") openDetail(year, metricOf(e));
  };
  /** A year-series table: each row opens the reports of its year. */
  const yearRows = (metricId: string) => ({
    onRowClick: (row: Record<string, CellValue>) => {
      if (typeof row.year === "number") openDetail(row.year, metricId);
    },
    rowLabel: (row: Record<string, CellValue>) => `查看${row.year}年度“${getMetric(metricId).name}”背后的报告`,
  });

  const drill = (row: Record<string, CellValue> | undefined) => {
    if (!row?.code) return;
    const code = String(row.code);
    if (row.target === "region") setFilter({ region: code });
    else if (row.target === "agency")
      router.push(`/agencies/${code}${row.year ? `?year=${row.year}#report-${row.year}` : ""}`);
    else openDetail(typeof row.year === "number" ? row.year : null, metric, code);
  };

  const detailSubset = findDetailSubset(view.detailMetric);
  const detailWhat = detailSubset
    ? detailSubset.label
    : `${view.detailMetric ? `“${getMetric(view.detailMetric).name}”` : ""}背后的报告`;

  return (
    <>
      <div className="toolbar-row">
        {frozen ? null : <ShareViewButton search={toOverviewExportSearch(dashboardFilter, view)} />}
        <a
          className="tool-button"
          href={
            frozen
              ? `/api/shares/${frozen.token}/workbook`
              : `/api/export/overview?${toOverviewExportSearch(dashboardFilter, view)}`
          }
          download
          data-download="page-xlsx"
        >
          下载本页全部图表（XLSX）
        </a>
        {canExport && !frozen ? <SnapshotLink /> : null}
      </div>
      <KpiCards search={searchOf("kpis")} onOpenDetail={frozen ? undefined : openDetail} />
      <div className="chart-grid">
        <ChartCard
          chart="applications-by-year"
          search={searchOf("applications-by-year")}
          tableProps={yearRows("applications.received")}
          description={`${regionName}各年度新收政府信息公开申请数量，按申请人类型堆叠`}
          buildOption={buildApplicationsOption}
          onChartClick={yearClick((e) =>
            e.seriesIndex != null && e.seriesIndex < APPLICANT_TYPES.length
              ? `applications.received.${APPLICANT_TYPES[e.seriesIndex].key}`
              : "applications.received",
          )}
          clickHint="点击柱形查看该年度的机关报告明细。"
        />
        <ChartCard
          chart="outcomes-by-year"
          search={searchOf("outcomes-by-year")}
          tableProps={yearRows("outcomes.openRate")}
          description={`${regionName}各年度申请办理结果构成（占办结件数百分比）`}
          buildOption={buildOutcomesOption}
          onChartClick={yearClick((e) =>
            e.seriesIndex != null ? `outcomes.${OUTCOME_CATEGORIES[e.seriesIndex].key}` : "outcomes.openRate",
          )}
          clickHint="点击柱形查看该年度的机关报告明细；公开率 =（予以公开 + 部分公开）÷ 办结。"
        />
        <ChartCard
          chart="licensing-by-year"
          search={searchOf("licensing-by-year")}
          tableProps={yearRows("active.licensing.decisions")}
          description={`${regionName}各年度行政许可、处罚、强制处理决定数量及许可项目增减`}
          buildOption={buildLicensingOption}
          onChartClick={yearClick(
            (e) =>
              [
                "active.licensing.decisions",
                "active.penalty.decisions",
                "active.coercion.decisions",
                "active.licensing.change",
              ][e.seriesIndex ?? 0] ?? null,
          )}
        />
        <ChartCard
          chart="procurement-by-year"
          search={searchOf("procurement-by-year")}
          tableProps={yearRows("active.procurement.count")}
          description={`${regionName}政府集中采购项目数量与金额（仅 2019–2020 年度报表有此项）`}
          buildOption={buildProcurementOption}
          onChartClick={yearClick((e) =>
            e.seriesIndex === 1 ? "active.procurement.amount" : "active.procurement.count",
          )}
        />
        <ChartCard
          chart="review-by-year"
          search={searchOf("review-by-year")}
          tableProps={yearRows("review.total")}
          description={`${regionName}政府信息公开行政复议与行政诉讼结果，按年度`}
          buildOption={buildReviewOption}
          height={REVIEW_CHART_HEIGHT}
          onChartClick={yearClick((e) => {
            const blocks = ["review", "litigationDirect", "litigationAfterReview"];
            const results = ["upheld", "corrected", "other", "pending"];
            const i = e.seriesIndex ?? 0;
            return `${blocks[Math.floor(i / 4)]}.${results[i % 4]}`;
          })}
          clickHint="点击任一柱形查看该年度、该结果背后的报告。"
        />
        <ChartCard
          chart="quality-by-year"
          search={searchOf("quality-by-year")}
          tableProps={yearRows("quality.received")}
          description={`${regionName}年度报告收到、缺报、逾期数量及按时率、勾稽通过率`}
          buildOption={buildQualityOption}
          height={REVIEW_CHART_HEIGHT}
          onChartClick={yearClick((e) => QUALITY_SERIES_METRICS[e.seriesIndex ?? 0] ?? null)}
          clickHint="点击柱形或折线点查看该年度对应的报告：逾期发布、勾稽校验未通过的报告，或缺报机关。"
        />
      </div>

      {detailOpen ? (
        <div id="detail">
          <ChartCard
            chart="detail"
            search={searchOf("detail")}
            title={`明细：${view.detailYear ? `${view.detailYear}年度` : "各年度"}${detailWhat}`}
            description="数字背后的机关年度报告"
            tableOnly
            tableProps={{ sortable: true, filterable: true, renderCell: renderReportListCell }}
            hiddenColumns={["agencyId", "reportId"]}
            toolbar={
              frozen ? null : (
                <button type="button" className="tool-button" onClick={() => openDetail(null, null, null)}>
                  关闭明细
                </button>
              )
            }
          />
        </div>
      ) : null}

      <div className="chart-grid">
        <ChartCard
          chart="children"
          search={searchOf("children")}
          title={(t) => {
            const year = view.year ?? t?.rows.find((r) => typeof r.year === "number")?.year;
            return `${childLabel}对比${year ? `（${year}年${view.year ? "" : "，最新"}）` : ""}`;
          }}
          description={`${regionName}${childLabel}的“${getMetric(metric).name}”对比，从高到低`}
          buildOption={buildChildrenOption}
          height={Math.max(320, 28 * 18)}
          onChartClick={(e, t) => drill([...t.rows].reverse()[e.dataIndex])}
          clickHint={
            level >= 3 ? "点击条形进入机关页面。" : "点击条形下钻到该地区；“本级”为该地区本级机关，点击查看明细。"
          }
          hiddenColumns={["target"]}
          tableProps={{
            onRowClick: drill,
            rowLabel: (r) => `下钻：${r.name}`,
          }}
          toolbar={
            <>
              <label className="inline-select">
                指标
                <select value={metric} disabled={!!frozen} onChange={(e) => setView({ metric: e.target.value })}>
                  {COMPARABLE_METRIC_IDS.map((id) => (
                    <option key={id} value={id}>
                      {getMetric(id).name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline-select">
                年度
                <select
                  value={view.year ?? ""}
                  disabled={!!frozen}
                  onChange={(e) => setView({ year: e.target.value ? Number(e.target.value) : null })}
                >
                  <option value="">最新年度</option>
                  {years.map((y) => (
                    <option key={y} value={y}>
                      {y}年
                    </option>
                  ))}
                </select>
              </label>
            </>
          }
        />
        <ChartCard
          chart="heatmap"
          search={searchOf("heatmap")}
          description={`${regionName}${childLabel} × 年度的“${getMetric(metric).name}”热力图`}
          buildOption={buildHeatmapOption}
          height={Math.max(320, 28 * 18)}
          onChartClick={(e, t) => {
            const [x, y] = (e.value as [number, number]) ?? [];
            const yearColumn = t.columns.filter((c) => /^y\d{4}$/.test(c.key))[x];
            const row = t.rows[y];
            if (row && yearColumn) openDetail(Number(yearColumn.key.slice(1)), metric, String(row.code));
          }}
          clickHint="点击格子查看该地区该年度的报告明细。"
        />
      </div>

      {charts.has("agencies") ? (
        <ChartCard
          chart="agencies"
          search={searchOf("agencies")}
          title={`${regionName}机关列表`}
          description="机关列表"
          tableOnly
          hiddenColumns={["agencyId", "reportId"]}
          tableProps={{ sortable: true, filterable: true, renderCell: renderReportListCell }}
        />
      ) : null}

      <ChartCard
        chart="quality-agencies"
        search={searchOf("quality-agencies")}
        title="数据质量：问题机关（最差在前）"
        description="勾稽不符、缺报、逾期与问题最多的机关"
        tableOnly
        hiddenColumns={["agencyId", "reportId"]}
        tableProps={{ sortable: true, filterable: true, renderCell: renderReportListCell }}
        emptyHint="当前筛选条件下没有逾期、勾稽不符、有问题或缺报的机关。"
      />
    </>
  );
}
