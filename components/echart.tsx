"use client";

import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import {
  AriaComponent,
  DatasetComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DatasetComponent,
  MarkAreaComponent,
  GraphicComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;
export type EChartClick = {
  seriesName?: string;
  seriesIndex?: number;
  dataIndex: number;
  name: string;
  value: unknown;
};

declare global {
  interface Window {
    /** Chart instances by chart id, for the end-to-end tests to find an element's pixel position. */
    __ogiCharts?: Record<string, echarts.ECharts>;
  }
}

/** ARIA description and decal patterns (not colour alone) for every chart. */
function withAccessibility(option: EChartOption, label: string): EChartOption {
  const aria = (option.aria ?? {}) as Record<string, unknown>;
  return {
    textStyle: { fontFamily: "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif" },
    ...option,
    aria: { enabled: true, decal: { show: true }, ...aria, label: { description: label } },
  };
}

/** Renders the option with the SVG renderer off-screen and returns the SVG text (the "SVG" download). */
export function renderSvg(option: EChartOption, width: number, height: number, label: string): string {
  const holder = document.createElement("div");
  const chart = echarts.init(holder, undefined, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ ...withAccessibility(option, label), animation: false, backgroundColor: "#ffffff" });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** A tree-shaken ECharts canvas that follows its container's size. */
export function EChart({
  option,
  height = 360,
  label,
  chartId,
  onClick,
  onReady,
}: {
  option: EChartOption;
  height?: number;
  label: string;
  chartId?: string;
  onClick?: (event: EChartClick) => void;
  onReady?: (chart: echarts.ECharts | null) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (e) => clickRef.current?.(e as unknown as EChartClick));
    if (chartId) {
      window.__ogiCharts ??= {};
      window.__ogiCharts[chartId] = instance;
    }
    readyRef.current?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      if (chartId && window.__ogiCharts?.[chartId] === instance) delete window.__ogiCharts[chartId];
      readyRef.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, [chartId]);

  useEffect(() => {
    chart.current?.setOption(withAccessibility(option, label), { notMerge: true });
    if (ref.current) ref.current.dataset.rendered = "true";
  }, [option, label]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      data-testid="echart"
      data-chart={chartId}
      style={{ width: "100%", height, cursor: onClick ? "pointer" : undefined }}
    />
  );
}
