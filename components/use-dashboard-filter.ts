"use client";

import { useQueryStates } from "nuqs";
import { toFilterSearch } from "@/lib/filters/dashboard-filter";
import { dashboardFilterParsers, viewParsers } from "@/lib/filters/url-parsers";

const detailParsers = {
  detailYear: viewParsers.year,
  detailGroup: viewParsers.metric,
  detailMetric: viewParsers.metric,
};

/** The dashboard filter in the URL; the same keys and value sets as `dashboardFilterSchema` on the server. */
export function useDashboardFilter() {
  // Not shallow: the server page re-renders its breadcrumbs and region lists when the region changes.
  return useQueryStates(dashboardFilterParsers, { shallow: false, history: "push" });
}

/** View state that is part of a shareable link: the compared metric and year, the open detail list. */
export function useViewState() {
  return useQueryStates({ ...viewParsers, ...detailParsers }, { history: "replace" });
}

export type FilterState = ReturnType<typeof useDashboardFilter>[0];

export function toSearchParams(filter: Partial<Record<string, string | number | null | undefined>>): string {
  return toFilterSearch(filter);
}
