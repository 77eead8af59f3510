"use client";

import type { CellValue, ChartColumn, ChartTable } from "@/lib/charts/chart-table";
import { formatMetricValue, type MetricUnit } from "@/lib/metrics";
import { ChartCard } from "./chart-card";
import { PALETTE } from "./chart-options";
import type { EChartOption } from "./echart";

const num = (v: CellValue) => (typeof v === "number" ? v : null);

function buildTrendOption(t: ChartTable): EChartOption {
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 28, containLabel: true },
    xAxis: { type: "category", data: t.rows.map((r) => `${r.year}年`) },
    yAxis: [
      { type: "value", name: "件", minInterval: 1 },
      { type: "value", name: "%", max: 100, splitLine: { show: false } },
    ],
    series: [
      { name: "新收申请", type: "bar", data: t.rows.map((r) => num(r.received)) },
      { name: "办结", type: "bar", data: t.rows.map((r) => num(r.processed)) },
      {
        name: "公开率",
        type: "line",
        yAxisIndex: 1,
        data: t.rows.map((r) => {
          const v = num(r.openRate);
          return v === null ? null : Math.round(v * 1000) / 10;
        }),
      },
    ],
  };
}

/** A year cell of the all-metrics table in its row's unit (rates there are percent numbers: 83.3 = 83.3%). */
function renderSeriesCell(column: ChartColumn, row: Record<string, CellValue>) {
  if (!/^y\d{4}$/.test(column.key)) return undefined;
  const value = num(row[column.key]);
  const unit = row.unit as MetricUnit;
  return unit === "%"
    ? formatMetricValue(value === null ? null : value / 100, unit)
    : formatMetricValue(value, unit, false);
}

/** An agency's 申请、办结 and 公开率 by year, with its table view and downloads. */
export function AgencyTrendCard({ agencyId, agencyName }: { agencyId: number; agencyName: string }) {
  return (
    <ChartCard
      chart="agency-trend"
      endpoint={`/api/agencies/${agencyId}/charts/agency-trend`}
      search=""
      description={`${agencyName}各年度新收申请、办结与公开率`}
      buildOption={buildTrendOption}
      emptyHint="该机关尚无年度报告。"
      height={280}
    />
  );
}

/** Every cell metric of an agency × year: a table first, with the chart downloads (on screen: a print gives the report). */
export function AgencySeriesCard({ agencyId, agencyName }: { agencyId: number; agencyName: string }) {
  return (
    <ChartCard
      chart="agency-series"
      endpoint={`/api/agencies/${agencyId}/charts/agency-series`}
      search=""
      description={`${agencyName}全部指标各年度数值`}
      emptyHint="该机关尚无年度报告。"
      hiddenColumns={["metric"]}
      className="no-print"
      tableOnly
      tableProps={{ renderCell: renderSeriesCell }}
    />
  );
}
