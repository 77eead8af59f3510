import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

// What every chart needs; the heatmap's parts and the SVG renderer load only when a chart or a download needs them.
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkAreaComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { echarts };

const usesHeatmap = (option: echarts.EChartsCoreOption) =>
  [option.series].flat().some((s) => (s as { type?: string } | undefined)?.type === "heatmap");

export async function ensureParts(option: echarts.EChartsCoreOption): Promise<void> {
  if (usesHeatmap(option)) {
    // @ts-expect-error: ECharts ships these side-effect entry points without type declarations.
    await Promise.all([import("echarts/lib/chart/heatmap"), import("echarts/lib/component/visualMap")]);
  }
}

export async function ensureSvgRenderer(): Promise<void> {
  const { SVGRenderer } = await import("echarts/renderers");
  echarts.use(SVGRenderer);
}
