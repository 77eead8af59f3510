import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent, AriaComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);
await Promise.all([import("echarts/lib/chart/heatmap.js"), import("echarts/lib/component/visualMap.js")]);
const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 400, height: 300 });
chart.setOption({
  animation: false,
  aria: { enabled: true, decal: { show: false } },
  xAxis: { type: "category", data: ["2019", "2020"] }, yAxis: { type: "category", data: ["a", "b"] },
  visualMap: { min: 0, max: 1291, calculable: true, orient: "horizontal", left: "center", bottom: 0, inRange: { color: ["#eef4ff", "#2f6fdf", "#0b2e6f"] } },
  series: [{ type: "heatmap", data: [[0,0,0],[1,0,1291],[0,1,600],[1,1,null]] }],
});
const svg = chart.renderToSVGString();
console.log([...svg.matchAll(/fill="([^"]+)"/g)].map(m=>m[1]).filter((v,i,a)=>a.indexOf(v)===i).join(" "));
