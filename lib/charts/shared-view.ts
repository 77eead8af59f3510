import type { ChartParams } from "@/lib/filters/dashboard-filter";
import type { ChartId } from "./chart-catalog";
import type { ChartTable } from "./chart-table";

/** One chart of a frozen view: the params and query string the page fetched it with, and the table it got. */
export type FrozenChart = { chart: ChartId; params: ChartParams; search: string; table: ChartTable };

/** What a frozen page's cards read instead of fetching: the share link's token and the stored charts. */
export type FrozenView = { token: string; charts: FrozenChart[] };

/** A share token as `createSharedView` makes them (18 random bytes in base64url); anything else names no view. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** The stored table a card asks for: the same chart with exactly the same query string. */
export function findFrozenTable(view: FrozenView, chart: string, search: string): ChartTable | undefined {
  return view.charts.find((c) => c.chart === chart && c.search === search)?.table;
}

/** The query string of a view with its table views, as a share stores it and its link restores it. */
export function withTableViews(search: string, tables: readonly string[]): string {
  const params = new URLSearchParams(search);
  if (tables.length) params.set("table", tables.join(","));
  return params.toString();
}

/** Whether two query strings show the same data: the same parameters apart from which cards show their table. */
export function isSameViewSearch(a: string, b: string): boolean {
  const canonical = (search: string) => {
    const params = new URLSearchParams(search);
    params.delete("table");
    params.sort();
    return params.toString();
  };
  return canonical(a) === canonical(b);
}
