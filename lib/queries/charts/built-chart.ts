import "server-only";
import type { Db } from "@/db/client";
import type { Scope } from "@/lib/auth/scope";
import type { ChartTable } from "@/lib/charts/chart-table";
import type { ChartParams, DashboardFilter } from "@/lib/filters/dashboard-filter";

/** What a chart builder returns: the table without the envelope `getChartTable` adds (title, version, time). */
export type BuiltChart = Omit<
  ChartTable,
  "chart" | "title" | "filter" | "params" | "datasetVersion" | "generatedAt" | "rowsKind"
> & {
  /** The params the chart settled on (the metric or year it chose), when they differ from the request's. */
  params?: ChartParams;
};

/** `detail`: the export wants every row, not the page's first ones. */
export type ChartBuilder = (
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  params: ChartParams,
  detail: boolean,
) => Promise<BuiltChart>;

export const DETAIL_LIMIT_VIEW = 500;
export const DETAIL_LIMIT_EXPORT = 200_000;
