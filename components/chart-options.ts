import type { CellValue, ChartRow, ChartTable } from "@/lib/charts/chart-table";
import { APPLICANT_TYPES, OUTCOME_CATEGORIES, REVIEW_BLOCK_NAMES, REVIEW_RESULTS } from "@/lib/metrics";
import type { EChartOption } from "./echart";
import { formatCell } from "./format";

export const PALETTE = ["#2f6fdf", "#f0a020", "#3aa776", "#9b59b6", "#d9534f", "#6b7785", "#17a2b8", "#8c564b"];
const num = (v: CellValue) => (typeof v === "number" ? v : null);
/** A year without any report (reports 0) stays on the axis, labelled, its values gaps. */
const years = (t: ChartTable) => t.rows.map((r) => (r.reports === 0 ? `${r.year}年\n缺报` : `${r.year}年`));
const base = (t: ChartTable): EChartOption => ({
  animation: false,
  color: PALETTE,
  tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
  legend: { top: 0, type: "scroll" },
  grid: { left: 56, right: 56, top: 48, bottom: 32, containLabel: true },
  // Every year labelled: a 缺报 year must not be the one the automatic interval hides.
  xAxis: { type: "category", data: years(t), axisLabel: { interval: 0 } },
});

const fmt = (unit: string) => (v: unknown) =>
  formatCell(typeof v === "number" ? v : null, { type: "number", unit, key: "v" });

type AxisParam = { seriesIndex: number; dataIndex: number; value: unknown; axisValue: string; marker?: string };
const percentText = (v: unknown) => (typeof v === "number" ? `${v.toFixed(1)}%` : "—");
const nText = (n: CellValue) => (typeof n === "number" ? `（n = ${n.toLocaleString("zh-CN")}）` : "");

/** Tooltips are HTML: names come from documents, so they are escaped. */
const escapeHtml = (text: unknown) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An axis tooltip: the category, then one line per series from `line`. */
const axisTooltip =
  (line: (p: AxisParam) => string) =>
  (params: AxisParam[]): string =>
    [escapeHtml(params[0]?.axisValue), ...params.map((p) => `${p.marker ?? ""}${line(p)}`)].join("<br/>");

/** "（n = 5）" after a figure whose report count differs from its year's. */
const nWhereDiffers = (row: ChartRow | undefined, key: string) => {
  const n = row?.[`${key}N`];
  return typeof n === "number" && n !== row?.reports ? nText(n) : "";
};

export function buildApplicationsOption(t: ChartTable): EChartOption {
  const keys = [...APPLICANT_TYPES.map((a) => a.key), "total"];
  const names = [...APPLICANT_TYPES.map((a) => a.name), "总计（表内）"];
  return {
    ...base(t),
    yAxis: { type: "value", name: "件", minInterval: 1 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: axisTooltip((p) => {
        const row = t.rows[p.dataIndex];
        return `${names[p.seriesIndex]}：${fmt("件")(p.value)}${typeof p.value === "number" ? " 件" : ""}${nWhereDiffers(row, keys[p.seriesIndex])}`;
      }),
    },
    series: [
      ...APPLICANT_TYPES.map((a) => ({
        name: a.name,
        type: "bar",
        stack: "applicants",
        data: t.rows.map((r) => num(r[a.key])),
      })),
      { name: "总计（表内）", type: "line", itemStyle: { color: "#1f2d3d" }, data: t.rows.map((r) => num(r.total)) },
    ],
  };
}

export function buildOutcomesOption(t: ChartTable): EChartOption {
  return {
    ...base(t),
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: axisTooltip((p) => {
        const c = OUTCOME_CATEGORIES[p.seriesIndex];
        return `${c.name}：${percentText(p.value)}${nText(t.rows[p.dataIndex]?.[`${c.key}ShareN`] ?? null)}`;
      }),
    },
    yAxis: { type: "value", name: "占办结 %", max: 100, axisLabel: { formatter: "{value}%" } },
    series: OUTCOME_CATEGORIES.map((c) => ({
      name: c.name,
      type: "bar",
      stack: "outcomes",
      data: t.rows.map((r) => {
        const v = num(r[`${c.key}Share`]);
        return v === null ? null : Math.round(v * 10000) / 100;
      }),
    })),
  };
}

export function buildLicensingOption(t: ChartTable): EChartOption {
  const bars: [string, string][] = [
    ["licensingDecisions", "行政许可·处理决定"],
    ["penaltyDecisions", "行政处罚·处理决定"],
    ["coercionDecisions", "行政强制·处理决定"],
  ];
  return {
    ...base(t),
    yAxis: [
      { type: "value", name: "件", minInterval: 1 },
      { type: "value", name: "项（增减）", splitLine: { show: false } },
    ],
    series: [
      ...bars.map(([key, name]) => ({ name, type: "bar", data: t.rows.map((r) => num(r[key])) })),
      {
        name: "行政许可·本年增/减（2019 版）",
        type: "line",
        yAxisIndex: 1,
        connectNulls: false,
        data: t.rows.map((r) => num(r.licensingChange)),
        markArea: markLaterLayoutYears(t, "2021 年起的报表无\n许可项目增减（非 0）"),
      },
    ],
  };
}

/** Years after 2020 shaded and labelled "no such row in the 2021 layout", so a line that stops is not read as 0. */
function markLaterLayoutYears(t: ChartTable, text: string) {
  const laterYears = t.rows.filter((r) => typeof r.year === "number" && r.year > 2020);
  if (laterYears.length === 0) return undefined;
  const label = (r: ChartRow) => years({ ...t, rows: [r] })[0];
  return {
    silent: true,
    itemStyle: { color: "rgba(107,119,133,0.10)" },
    label: { show: true, position: "insideTop", color: "#6b7785", formatter: text },
    data: [[{ xAxis: label(laterYears[0]) }, { xAxis: label(laterYears.at(-1)!) }]],
  };
}

export function buildProcurementOption(t: ChartTable): EChartOption {
  const markArea = markLaterLayoutYears(t, "2021 年起的报表\n无此项（非 0）");
  return {
    ...base(t),
    yAxis: [
      { type: "value", name: "项目数（个）", minInterval: 1 },
      { type: "value", name: "金额（万元）", splitLine: { show: false } },
    ],
    series: [
      { name: "采购项目数量", type: "bar", data: t.rows.map((r) => num(r.count)), markArea },
      { name: "采购总金额（万元）", type: "line", yAxisIndex: 1, data: t.rows.map((r) => num(r.amount)) },
    ],
  };
}

/** A round axis top at or above `max` (1, 2, 2.5 or 5 times a power of ten), shared by the small multiples. */
function niceCeil(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= max)!;
  return step * power;
}

const REVIEW_PANEL = { top: 48, height: 92, gap: 44 };
/** The review chart's height: three stacked panels and the year labels under the last. */
export const REVIEW_CHART_HEIGHT = REVIEW_PANEL.top + 3 * REVIEW_PANEL.height + 2 * REVIEW_PANEL.gap + 44;

/** Three panels one above the other on the same years and one shared scale, each named where the eye is. */
export function buildReviewOption(t: ChartTable): EChartOption {
  const blocks = Object.entries(REVIEW_BLOCK_NAMES);
  const stackTotals = blocks.flatMap(([block]) =>
    t.rows.map((row) => REVIEW_RESULTS.reduce((sum, r) => sum + (num(row[`${block}_${r.key}`]) ?? 0), 0)),
  );
  const top = niceCeil(Math.max(0, ...stackTotals));
  const series = blocks.flatMap(([block, blockName], b) =>
    REVIEW_RESULTS.map((r, i) => ({
      name: r.name,
      id: `${block}.${r.key}`,
      type: "bar",
      stack: block,
      xAxisIndex: b,
      yAxisIndex: b,
      color: PALETTE[i],
      barMaxWidth: 28,
      data: t.rows.map((row) => num(row[`${block}_${r.key}`])),
      blockName,
    })),
  );
  const xAxis = years(t);
  return {
    animation: false,
    color: PALETTE,
    legend: { top: 0, data: REVIEW_RESULTS.map((r) => r.name) },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: { seriesIndex: number; value: unknown; axisValue: string }[]) => {
        const block = series[params[0]?.seriesIndex ?? 0]?.blockName ?? "";
        const lines = [`${escapeHtml(params[0]?.axisValue)} · ${block}`];
        for (const p of params) {
          const s = series[p.seriesIndex];
          lines.push(`${s.name}：${typeof p.value === "number" ? p.value.toLocaleString("zh-CN") : "—"}`);
        }
        return lines.join("<br/>");
      },
    },
    grid: blocks.map((_, b) => ({
      left: 56,
      right: 24,
      top: REVIEW_PANEL.top + b * (REVIEW_PANEL.height + REVIEW_PANEL.gap),
      height: REVIEW_PANEL.height,
    })),
    xAxis: blocks.map((_, b) => ({
      type: "category",
      gridIndex: b,
      data: xAxis,
      axisLabel: { interval: 0, show: b === blocks.length - 1 },
    })),
    yAxis: blocks.map(([, blockName], b) => ({
      type: "value",
      gridIndex: b,
      max: top,
      minInterval: 1,
      name: blockName,
      nameLocation: "end",
      nameTextStyle: { fontWeight: "bold", color: "#1f2d3d", align: "left", fontSize: 12 },
      splitNumber: 2,
    })),
    series: series.map(({ blockName: _b, ...s }) => s),
  };
}

const QUALITY_RATES = [
  ["onTimeRate", "按时发布率"],
  ["checksPassedRate", "勾稽校验通过率"],
  ["completeness", "报送率"],
] as const;
const QUALITY_COUNTS = [
  ["received", "收到报告"],
  ["missing", "缺报机关"],
  ["late", "逾期发布"],
] as const;

/** Metric behind each series of the quality chart, in series order (the detail list it opens). */
export const QUALITY_SERIES_METRICS = [
  "quality.received",
  "quality.missing",
  "quality.late",
  "quality.onTimeRate",
  "quality.checksPassedRate",
  "quality.completeness",
] as const;

export function buildQualityOption(t: ChartTable): EChartOption {
  return {
    ...base(t),
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: axisTooltip((p) => {
        const count = QUALITY_COUNTS[p.seriesIndex];
        if (count) return `${count[1]}：${typeof p.value === "number" ? p.value.toLocaleString("zh-CN") : "—"}`;
        const [key, name] = QUALITY_RATES[p.seriesIndex - QUALITY_COUNTS.length];
        return `${name}：${percentText(p.value)}${nText(t.rows[p.dataIndex]?.[`${key}N`] ?? null)}`;
      }),
    },
    yAxis: [
      { type: "value", name: "份 / 个", minInterval: 1 },
      { type: "value", name: "%", max: 100, splitLine: { show: false }, axisLabel: { formatter: "{value}%" } },
    ],
    series: [
      ...QUALITY_COUNTS.map(([key, name]) => ({ name, type: "bar", data: t.rows.map((r) => num(r[key])) })),
      ...QUALITY_RATES.map(([key, name]) => ({
        name,
        type: "line",
        yAxisIndex: 1,
        data: t.rows.map((r) => {
          const v = num(r[key]);
          return v === null ? null : Math.round(v * 1000) / 10;
        }),
      })),
    ],
  };
}

export function buildChildrenOption(t: ChartTable): EChartOption {
  const metricColumn = t.columns.find((c) => c.key === "value");
  const unit = metricColumn?.unit ?? "";
  const rows = [...t.rows].reverse();
  const percent = unit === "%";
  return {
    animation: false,
    color: PALETTE,
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: axisTooltip((p) => {
        const v = p.value;
        const text =
          typeof v === "number" ? (percent ? `${v.toFixed(1)}%` : v.toLocaleString("zh-CN")) : "—（无数据或分母为 0）";
        return `${escapeHtml(metricColumn?.label)}：${text}${nText(rows[p.dataIndex]?.n ?? null)}`;
      }),
    },
    grid: { left: 8, right: 48, top: 16, bottom: 24, containLabel: true },
    xAxis: { type: "value", name: percent ? "%" : unit },
    yAxis: { type: "category", data: rows.map((r) => String(r.name)), axisLabel: { width: 140, overflow: "truncate" } },
    series: [
      {
        name: metricColumn?.label ?? "",
        type: "bar",
        data: rows.map((r) => {
          const v = num(r.value);
          return v === null ? null : percent ? Math.round(v * 1000) / 10 : v;
        }),
        label: {
          show: true,
          position: "right",
          formatter: (p: { value: unknown }) =>
            typeof p.value === "number" ? (percent ? `${p.value}%` : p.value.toLocaleString("zh-CN")) : "—",
        },
      },
    ],
  };
}

/** Cells with a value take the scale's colour; a region-year without a report, and one whose figure cannot be
 * computed (a zero denominator), are drawn apart from a 0, in grey and labelled. */
const HEATMAP_GAPS = { missing: { label: "缺报", color: "#e4e7eb" }, undefined: { label: "—", color: "#f5f6f8" } };

export function buildHeatmapOption(t: ChartTable): EChartOption {
  const yearColumns = t.columns.filter((c) => /^y\d{4}$/.test(c.key));
  const unit = yearColumns[0]?.unit ?? "";
  const percent = unit === "%";
  const data: [number, number, number][] = [];
  const gaps: { value: [number, number, number]; kind: keyof typeof HEATMAP_GAPS }[] = [];
  t.rows.forEach((r, y) => {
    yearColumns.forEach((c, x) => {
      const v = num(r[c.key]);
      const n = num(r[`n${c.key.slice(1)}`] ?? null);
      if (v !== null) data.push([x, y, percent ? Math.round(v * 1000) / 10 : v]);
      else gaps.push({ value: [x, y, 0], kind: n ? "undefined" : "missing" });
    });
  });
  const values = data.map((d) => d[2]);
  const showLabels = t.rows.length <= 15 && yearColumns.length <= 8;
  const gapSeries = (kind: keyof typeof HEATMAP_GAPS) => ({
    type: "heatmap",
    name: HEATMAP_GAPS[kind].label,
    data: gaps.filter((g) => g.kind === kind).map((g) => g.value),
    itemStyle: { color: HEATMAP_GAPS[kind].color, borderColor: "#ffffff", borderWidth: 1 },
    label: { show: showLabels, fontSize: 10, color: "#5f6b7a", formatter: HEATMAP_GAPS[kind].label },
    emphasis: { disabled: true },
  });
  return {
    animation: false,
    aria: { enabled: true, decal: { show: false } },
    tooltip: {
      position: "top",
      formatter: (p: { seriesIndex: number; value: [number, number, number] }) => {
        const row = t.rows[p.value[1]];
        const year = yearColumns[p.value[0]];
        const n = row && year ? (row[`n${year.key.slice(1)}`] ?? null) : null;
        const head = `${escapeHtml(row?.name)} ${year?.label}：`;
        if (p.seriesIndex === 1) return `${head}缺报（该年度没有导入报告）`;
        if (p.seriesIndex === 2) return `${head}—（分母为 0，无法计算）${nText(n)}`;
        return `${head}${percent ? `${p.value[2]}%` : p.value[2].toLocaleString("zh-CN")}${nText(n)}`;
      },
    },
    grid: { left: 8, right: 24, top: 8, bottom: 64, containLabel: true },
    xAxis: { type: "category", data: yearColumns.map((c) => c.label), splitArea: { show: true } },
    yAxis: { type: "category", data: t.rows.map((r) => String(r.name)), splitArea: { show: true } },
    visualMap: {
      seriesIndex: 0,
      min: values.length ? Math.min(...values) : 0,
      max: values.length ? Math.max(...values, Math.min(...values) + 1) : 1,
      calculable: true,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      inRange: { color: ["#eef4ff", "#2f6fdf", "#0b2e6f"] },
    },
    series: [
      {
        type: "heatmap",
        name: t.columns.find((c) => c.metric)?.label ?? "",
        data,
        itemStyle: { borderColor: "#ffffff", borderWidth: 1 },
        label: { show: showLabels, fontSize: 10 },
      },
      gapSeries("missing"),
      gapSeries("undefined"),
    ],
  };
}
