"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { EChart, type EChartOption } from "./echart";
import { toSearchParams, useDashboardFilter } from "./use-dashboard-filter";

type Row = {
  year: number;
  reports: number;
  natural: number;
  commercial: number;
  research: number;
  nonprofit: number;
  legal: number;
  otherOrg: number;
  total: number;
};

const SERIES: { key: keyof Row; name: string; color: string }[] = [
  { key: "natural", name: "自然人", color: "#2f6fdf" },
  { key: "commercial", name: "商业企业", color: "#f0a020" },
  { key: "research", name: "科研机构", color: "#3aa776" },
  { key: "nonprofit", name: "社会公益组织", color: "#9b59b6" },
  { key: "legal", name: "法律服务机构", color: "#d9534f" },
  { key: "otherOrg", name: "其他", color: "#8c8c8c" },
];

async function fetchRows(search: string): Promise<Row[]> {
  const response = await fetch(`/api/charts/applications-by-year?${search}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? "数据加载失败");
  return body.rows as Row[];
}

export function ApplicationsChart() {
  const [filter] = useDashboardFilter();
  const search = toSearchParams(filter);
  const { data, error, isPending } = useQuery({
    queryKey: ["applications-by-year", search],
    queryFn: () => fetchRows(search),
  });

  const option = useMemo<EChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: "category", data: (data ?? []).map((r) => `${r.year}年`) },
      yAxis: { type: "value", name: "件", minInterval: 1 },
      series: [
        ...SERIES.map((s) => ({
          name: s.name,
          type: "bar",
          stack: "applicants",
          itemStyle: { color: s.color },
          data: (data ?? []).map((r) => r[s.key]),
        })),
        {
          name: "总计（表内）",
          type: "line",
          itemStyle: { color: "#1f2d3d" },
          data: (data ?? []).map((r) => r.total),
        },
      ],
    }),
    [data],
  );

  return (
    <section className="card">
      <header className="card-header">
        <h2>本年新收政府信息公开申请数量</h2>
        <a className="link" href={`/api/charts/applications-by-year?${search}`} download>
          下载数据（JSON）
        </a>
      </header>
      {error ? (
        <p className="error" role="alert">
          {(error as Error).message}
        </p>
      ) : isPending ? (
        <p className="muted">加载中…</p>
      ) : data.length === 0 ? (
        <p className="muted">暂无数据：请先导入年度报告。</p>
      ) : (
        <EChart option={option} label="按年度、申请人类型统计的新收申请数量" />
      )}
      {data && data.length > 0 ? (
        <p className="muted small">
          口径：各机关当前版本报告表三“一、本年新收政府信息公开申请数量”之和；共 {data.reduce((n, r) => n + r.reports, 0)}{" "}
          份报告。
        </p>
      ) : null}
    </section>
  );
}
