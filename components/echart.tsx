"use client";

import type * as echarts from "echarts/core";
import { useEffect, useRef, useState } from "react";
import { buildFigureOption, fitLegend } from "./chart-figure";

/** ECharts is not needed for first paint (the data arrives after hydration): it loads in parallel with the data. */
const loadCore = () => import("./echarts-core");

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

export type Figure = { title: string; caption: string; width: number; height: number };

/**
 * Renders the chart off-screen as a figure that stands alone (title, caption line, whole legend): an SVG text, or a
 * PNG data URL at twice the pixels.
 */
export async function renderFigure(option: EChartOption, figure: Figure, label: string, kind: "svg" | "png") {
  const core = await loadCore();
  await Promise.all([core.ensureParts(option), kind === "svg" ? core.ensureSvgRenderer() : null]);
  const { option: framed, height } = buildFigureOption(option, figure);
  const holder = document.createElement("div");
  const size = { width: figure.width, height };
  const chart =
    kind === "svg"
      ? core.echarts.init(holder, undefined, { renderer: "svg", ssr: true, ...size })
      : core.echarts.init(holder, undefined, { renderer: "canvas", ...size });
  chart.setOption({ ...withAccessibility(framed, label), animation: false, backgroundColor: "#ffffff" });
  const out =
    kind === "svg"
      ? chart.renderToSVGString()
      : chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
  chart.dispose();
  return out;
}

/** Sets the option with its legend wrapped to the chart's width; returns the width it was fitted to. */
function applyOption(target: echarts.ECharts, option: EChartOption, label: string): { width: number } {
  const width = target.getWidth();
  target.setOption(withAccessibility(fitLegend(option, width), label), { notMerge: true });
  return { width };
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
  const [chart, setChart] = useState<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const readyRef = useRef(onReady);
  readyRef.current = onReady;
  const optionRef = useRef(option);
  optionRef.current = option;
  const [generation, setGeneration] = useState(0);
  const fitted = useRef<{ width: number } | null>(null);
  const labelRef = useRef(label);
  labelRef.current = label;

  const createdAt = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is what re-creates the instance.
  useEffect(() => {
    let instance: echarts.ECharts | null = null;
    let observer: ResizeObserver | null = null;
    let disposed = false;
    // The option's parts are registered before the instance exists (see `partsGeneration`).
    loadCore().then(async (core) => {
      await core.ensureParts(optionRef.current);
      if (disposed || !ref.current) return;
      createdAt.current = core.partsGeneration;
      const created = core.echarts.init(ref.current, undefined, { renderer: "canvas" });
      instance = created;
      created.on("click", (e) => clickRef.current?.(e as unknown as EChartClick));
      if (chartId) {
        window.__ogiCharts ??= {};
        window.__ogiCharts[chartId] = created;
      }
      readyRef.current?.(created);
      observer = new ResizeObserver(() => {
        created.resize();
        // The legend wraps to the new width: the plot moves when its row count changes.
        if (fitted.current && fitted.current.width !== created.getWidth()) {
          fitted.current = applyOption(created, optionRef.current, labelRef.current);
        }
      });
      observer.observe(ref.current);
      setChart(created);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      if (!instance) return;
      if (chartId && window.__ogiCharts?.[chartId] === instance) delete window.__ogiCharts[chartId];
      readyRef.current?.(null);
      instance.dispose();
      setChart(null);
    };
  }, [chartId, generation]);

  useEffect(() => {
    if (!chart) return;
    let stale = false;
    loadCore()
      .then(async (core) => {
        await core.ensureParts(option);
        return core.partsGeneration;
      })
      .then((parts) => {
        if (stale || chart.isDisposed()) return;
        if (parts > createdAt.current) {
          setGeneration((g) => g + 1);
          return;
        }
        fitted.current = applyOption(chart, option, label);
        if (ref.current) ref.current.dataset.rendered = "true";
      });
    return () => {
      stale = true;
    };
  }, [chart, option, label]);

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
