import type { CellMetric, MetricDef, MetricDirection, MetricUnit, QualitySums } from "./metric-types";

/** An aggregated metric: `value` is null when no report has it or a ratio's denominator is 0. */
export type MetricValue = {
  value: number | null;
  numerator: number | null;
  /** Only for ratios. */
  denominator?: number | null;
  /** Reports (or, for quality metrics, the denominator's items) behind the value. */
  n: number;
};

export const EMPTY_VALUE: MetricValue = { value: null, numerator: null, n: 0 };

/** One report as the metrics see it: cell paths → printed values (absent cells are missing or null). */
export type ReportCells = {
  year: number;
  layout: string | null;
  cells: Readonly<Record<string, number | null | undefined>>;
};

/** Null when the denominator is 0 or unknown: a rate over nothing is "—", never 0 % or ∞. */
export function divide(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (numerator == null || denominator == null || denominator === 0) return null;
  return numerator / denominator;
}

/** Whether the metric exists for a report of this layout and year (absent layouts are a gap, not a 0). */
export function appliesTo(metric: MetricDef, year: number, layout: string | null): boolean {
  if (layout && !metric.layouts.includes(layout as never)) return false;
  if (metric.years?.from !== undefined && year < metric.years.from) return false;
  if (metric.years?.to !== undefined && year > metric.years.to) return false;
  return true;
}

/** Whether the metric exists in any report year of the range (procurement ends with 2020). */
export function appliesToYear(metric: MetricDef, year: number): boolean {
  return !(
    (metric.years?.from !== undefined && year < metric.years.from) ||
    (metric.years?.to !== undefined && year > metric.years.to)
  );
}

/** Sum of the cells a report prints; null when it prints none of them. */
export function sumCells(cells: ReportCells["cells"], paths: readonly string[]): number | null {
  let sum: number | null = null;
  for (const path of paths) {
    const v = cells[path];
    if (typeof v === "number" && Number.isFinite(v)) sum = (sum ?? 0) + v;
  }
  return sum;
}

/** Ratio of sums over the reports that have both parts; a sum over the reports that have the cells. */
export function aggregateCellMetric(metric: CellMetric, reports: readonly ReportCells[]): MetricValue {
  let numerator: number | null = null;
  let denominator: number | null = null;
  let n = 0;
  for (const report of reports) {
    if (!appliesTo(metric, report.year, report.layout)) continue;
    const num = sumCells(report.cells, metric.numerator);
    if (num === null) continue;
    if (metric.denominator) {
      const den = sumCells(report.cells, metric.denominator);
      if (den === null) continue;
      denominator = (denominator ?? 0) + den;
    }
    numerator = (numerator ?? 0) + num;
    n++;
  }
  if (metric.denominator) return { value: divide(numerator, denominator), numerator, denominator, n };
  return { value: numerator, numerator, n };
}

export function evaluateQualityMetric(metric: MetricDef, sums: QualitySums | null): MetricValue {
  if (metric.source !== "quality" || !sums) return EMPTY_VALUE;
  const numerator = sums[metric.numerator];
  if (metric.denominator) {
    const denominator = sums[metric.denominator];
    return { value: divide(numerator, denominator), numerator, denominator, n: denominator };
  }
  return { value: numerator, numerator, n: sums.received };
}

/** Year-over-year change: absolute, relative (null when last year is 0 or missing) and, for rates, points. */
export type MetricChange = { absolute: number | null; relative: number | null };

export function computeChange(current: number | null, previous: number | null): MetricChange {
  if (current == null || previous == null) return { absolute: null, relative: null };
  return { absolute: current - previous, relative: previous === 0 ? null : (current - previous) / Math.abs(previous) };
}

/** A change read against the metric's direction: better, worse, or neither (a volume, no change, no comparison). */
export function judgeChange(
  change: MetricChange,
  direction: MetricDirection = "neutral",
): "better" | "worse" | "neutral" {
  if (direction === "neutral" || change.absolute == null || change.absolute === 0) return "neutral";
  return change.absolute > 0 === (direction === "up-good") ? "better" : "worse";
}

const DASH = "—";

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number grouped the Chinese way with at most `digits` decimals; one formatter per precision (toLocaleString builds one per call). */
export function formatNumber(value: number, digits: number): string {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

/** A value for display in its unit; null → "—". Rates are stored as fractions and shown as percentages. */
export function formatMetricValue(value: number | null | undefined, unit: MetricUnit, withUnit = true): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  if (unit === "%") return `${formatNumber(value * 100, 1)}%`;
  const digits = unit === "万元" ? 2 : unit === "条" ? 2 : 0;
  const text = formatNumber(value, digits);
  return withUnit ? `${text} ${unit}` : text;
}

/** A signed change: "+12.5%" for counts and money, "+1.2 个百分点" for rates; "—" when not computable. */
export function formatChange(change: MetricChange, unit: MetricUnit): string {
  if (unit === "%") {
    if (change.absolute == null) return DASH;
    const points = change.absolute * 100;
    return `${points > 0 ? "+" : points < 0 ? "−" : "±"}${formatNumber(Math.abs(points), 1)} 个百分点`;
  }
  if (change.relative == null) return DASH;
  const pct = change.relative * 100;
  return `${pct > 0 ? "+" : pct < 0 ? "−" : "±"}${formatNumber(Math.abs(pct), 1)}%`;
}
