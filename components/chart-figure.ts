import type { EChartOption } from "./echart";

const FONT_FAMILY = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";
// ECharts' legend defaults: icon 25 px, 5 px to the text, 10 px between items, 5 px padding, 12 px text.
const LEGEND = { icon: 25, iconGap: 5, itemGap: 10, padding: 5, fontSize: 12, rowHeight: 24 };
const AXIS_NAME_ROOM = 30;

let context: CanvasRenderingContext2D | null | undefined;

/** The text's width in the chart font: measured on a canvas in a browser, estimated elsewhere. */
function measureText(text: string, fontSize: number): number {
  if (context === undefined)
    context = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  if (context) {
    context.font = `${fontSize}px ${FONT_FAMILY}`;
    return context.measureText(text).width;
  }
  return [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0xff ? fontSize : fontSize * 0.6), 0);
}

type LegendOption = { show?: boolean; data?: unknown[]; [key: string]: unknown };
type NamedSeries = { name?: string };

/** The legend's entries: its own data, else each distinct series name. */
function legendNames(option: EChartOption): string[] {
  const legend = option.legend as LegendOption | undefined;
  if (!legend || legend.show === false) return [];
  if (legend.data) return legend.data.map((d) => (typeof d === "string" ? d : String((d as NamedSeries).name ?? "")));
  const names = [option.series].flat().map((s) => (s as NamedSeries | undefined)?.name ?? "");
  return [...new Set(names.filter(Boolean))];
}

/** How many rows a plain (wrapping) legend takes at this width. */
export function countLegendRows(names: string[], width: number): number {
  if (names.length === 0) return 0;
  const room = Math.max(1, width - 2 * LEGEND.padding);
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const item = LEGEND.icon + LEGEND.iconGap + measureText(name, LEGEND.fontSize);
    if (x > 0 && x + item > room) {
      rows++;
      x = 0;
    }
    x += item + LEGEND.itemGap;
  }
  return rows;
}

/** Lines a text wraps to at this width (the caption under an exported figure's title). */
function countLines(text: string, fontSize: number, width: number): number {
  return Math.max(1, Math.ceil(measureText(text, fontSize) / Math.max(1, width)));
}

/** The first grid starts at `top`; the others (small multiples one above another) move down with it. */
function withGridTop(grid: unknown, top: number): unknown {
  if (!Array.isArray(grid)) return { ...(grid as object), top };
  const first = typeof grid[0]?.top === "number" ? grid[0].top : top;
  return grid.map((g) => ({ ...g, top: (typeof g.top === "number" ? g.top : first) + top - first }));
}

/**
 * The whole legend, wrapped onto as many rows as it needs (never a "1/2" pager hiding 其他组织 or 总计), starting at
 * `top`, with the plot moved down below it.
 */
export function fitLegend(option: EChartOption, width: number, top = 0): EChartOption {
  const names = legendNames(option);
  if (names.length === 0) return option;
  const rows = countLegendRows(names, width);
  return {
    ...option,
    legend: {
      ...(option.legend as LegendOption),
      type: "plain",
      top,
      left: "center",
      width: width - 2 * LEGEND.padding,
    },
    grid: withGridTop(option.grid ?? {}, top + rows * LEGEND.rowHeight + AXIS_NAME_ROOM),
  };
}

const TITLE = { size: 16, captionSize: 11, captionLine: 16, margin: 16 };

const gridTopOf = (option: EChartOption) => {
  const top = ([option.grid].flat()[0] as { top?: unknown } | undefined)?.top;
  return typeof top === "number" ? top : 60;
};

/**
 * A figure that stands alone: its title, a caption line (region · years · filters · 数据截至 · 来源) and the whole
 * legend above the plot, which keeps the height it has on screen (`height` is the chart's height on screen).
 */
export function buildFigureOption(
  option: EChartOption,
  figure: { title: string; caption: string; width: number; height: number },
): { option: EChartOption; height: number } {
  const textWidth = figure.width - 2 * TITLE.margin;
  const captionLines = countLines(figure.caption, TITLE.captionSize, textWidth);
  const header = TITLE.margin + TITLE.size + 10 + captionLines * TITLE.captionLine + 12;
  const plotHeight = figure.height - gridTopOf(fitLegend(option, figure.width));
  const fitted =
    legendNames(option).length > 0
      ? fitLegend(option, figure.width, header)
      : { ...option, grid: withGridTop(option.grid, header + gridTopOf(option)) };
  const title = {
    text: figure.title,
    subtext: figure.caption,
    left: TITLE.margin,
    top: TITLE.margin,
    itemGap: 8,
    textStyle: { fontSize: TITLE.size, fontWeight: "bold", color: "#1f2d3d", width: textWidth, overflow: "break" },
    subtextStyle: {
      fontSize: TITLE.captionSize,
      color: "#5f6b7a",
      lineHeight: TITLE.captionLine,
      width: textWidth,
      overflow: "break",
    },
  };
  return { option: { ...fitted, title }, height: gridTopOf(fitted) + plotHeight };
}
