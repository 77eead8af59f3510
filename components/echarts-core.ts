import { BarChart, LineChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
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
  TitleComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { echarts };

const usesHeatmap = (option: echarts.EChartsCoreOption) =>
  [option.series].flat().some((s) => (s as { type?: string } | undefined)?.type === "heatmap");

let heatmapLoaded = false;
/** Grows whenever parts are registered: an instance copies the registered visual encoders when it is created, so
 * one created before the visualMap arrived never applies its colours and must be created again. */
export let partsGeneration = 0;

export async function ensureParts(option: echarts.EChartsCoreOption): Promise<void> {
  if (usesHeatmap(option) && !heatmapLoaded) {
    // @ts-expect-error: ECharts ships these side-effect entry points without type declarations.
    await Promise.all([import("echarts/lib/chart/heatmap"), import("echarts/lib/component/visualMap")]);
    heatmapLoaded = true;
    partsGeneration++;
  }
}

export async function ensureSvgRenderer(): Promise<void> {
  const { SVGRenderer } = await import("echarts/renderers");
  echarts.use(SVGRenderer);
}
