import { type ChartParams, type DashboardFilter, FILTER_KEYS } from "@/lib/filters/dashboard-filter";
import { CHART_IDS, type ChartId } from "./chart-catalog";
import { pickComparedMetric } from "./compared-metric";

/** The overview's view state beyond the filter (all of it in the URL): compared metric and year, open detail list. */
export type OverviewView = {
  metric?: string | null;
  year?: number | null;
  detailYear?: number | null;
  detailMetric?: string | null;
  detailGroup?: string | null;
};

export const OVERVIEW_VIEW_KEYS = ["metric", "year", "detailYear", "detailMetric", "detailGroup"] as const;

/** Charts of the overview page (and its workbook), in page order; agencies and detail only when shown. */
export const OVERVIEW_CHARTS: readonly ChartId[] = CHART_IDS;

export function isDetailOpen(view: OverviewView): boolean {
  return view.detailYear != null || view.detailGroup != null;
}

const dropEmpty = (params: Record<string, string | number | null | undefined>): ChartParams =>
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
    children: dropEmpty({ metric, year: view.year }),
    heatmap: { metric },
    agencies: dropEmpty({ year: view.year }),
    detail: dropEmpty({ year: view.detailYear, metric: view.detailMetric, group: view.detailGroup }),
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
