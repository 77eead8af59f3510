import { type ChartParams, type DashboardFilter, FILTER_KEYS } from "@/lib/filters/dashboard-filter";
import { COMPARABLE_METRIC_IDS } from "@/lib/metrics";
import { type ChartId, OVERVIEW_CHARTS } from "./chart-catalog";

/** The overview's view state beyond the filter (all of it in the URL): compared metric and year, open detail list. */
export type OverviewView = {
  metric?: string | null;
  year?: number | null;
  detailYear?: number | null;
  detailMetric?: string | null;
  detailGroup?: string | null;
};

export const OVERVIEW_VIEW_KEYS = ["metric", "year", "detailYear", "detailMetric", "detailGroup"] as const;

/** The metric the children chart and heatmap compare: the chosen one when comparable, else the first. */
export function pickComparedMetric(metric: string | null | undefined): string {
  return metric && (COMPARABLE_METRIC_IDS as readonly string[]).includes(metric) ? metric : COMPARABLE_METRIC_IDS[0];
}

export function isDetailOpen(view: OverviewView): boolean {
  return view.detailYear != null || view.detailGroup != null;
}

const defined = (params: Record<string, string | number | null | undefined>): ChartParams =>
  Object.fromEntries(Object.entries(params).filter(([, v]) => v != null && v !== "")) as ChartParams;

/**
 * Each chart the overview shows, with exactly the params the page fetches it with; the page workbook uses the same
 * list, so a sheet always holds its card's numbers. The agency list shows below province level only.
 */
export function listOverviewCharts(
  filter: DashboardFilter,
  view: OverviewView,
): { chart: ChartId; params: ChartParams }[] {
  const metric = pickComparedMetric(view.metric);
  const paramsOf: Partial<Record<ChartId, ChartParams>> = {
    children: defined({ metric, year: view.year }),
    heatmap: { metric },
    agencies: defined({ year: view.year }),
    detail: defined({ year: view.detailYear, metric: view.detailMetric, group: view.detailGroup }),
  };
  return OVERVIEW_CHARTS.filter(
    (chart) => (chart !== "agencies" || filter.region != null) && (chart !== "detail" || isDetailOpen(view)),
  ).map((chart) => ({ chart, params: paramsOf[chart] ?? {} }));
}

/** Query string of the page workbook for this view (the export route reads the same keys). */
export function toOverviewExportSearch(filter: DashboardFilter, view: OverviewView): string {
  const params = new URLSearchParams();
  const all: Record<string, unknown> = { ...filter, ...view, metric: pickComparedMetric(view.metric) };
  for (const key of [...FILTER_KEYS, ...OVERVIEW_VIEW_KEYS]) {
    const value = all[key];
    if (value != null && value !== "") params.set(key, String(value));
  }
  return params.toString();
}
