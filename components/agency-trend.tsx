"use client";

import { useMemo } from "react";
import { PALETTE } from "./chart-options";
import { EChart, type EChartOption } from "./echart";

type Props = {
  years: number[];
  received: (number | null)[];
  processed: (number | null)[];
  openRate: (number | null)[];
  agency: string;
};

/** One agency's requests and 公开率 across its report years. */
export function AgencyTrend({ years, received, processed, openRate, agency }: Props) {
  const option = useMemo<EChartOption>(
    () => ({
      animation: false,
      color: PALETTE,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 40, bottom: 28, containLabel: true },
      xAxis: { type: "category", data: years.map((y) => `${y}年`) },
      yAxis: [
        { type: "value", name: "件", minInterval: 1 },
        { type: "value", name: "%", max: 100, splitLine: { show: false } },
      ],
      series: [
        { name: "新收申请", type: "bar", data: received },
        { name: "办结", type: "bar", data: processed },
        {
          name: "公开率",
          type: "line",
          yAxisIndex: 1,
          data: openRate.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
        },
      ],
    }),
    [years, received, processed, openRate],
  );
  return <EChart option={option} height={280} label={`${agency}各年度新收申请、办结与公开率`} chartId="agency-trend" />;
}
