"use client";

import { useQueryStates } from "nuqs";
import { dashboardFilterParsers, detailParsers, viewParsers } from "@/lib/filters/url-parsers";

/** The dashboard filter in the URL; the same keys and value sets as `dashboardFilterSchema` on the server. */
export function useDashboardFilter() {
  // Not shallow: the server page re-renders its breadcrumbs and region lists when the region changes.
  return useQueryStates(dashboardFilterParsers, { shallow: false, history: "push" });
}

/** View state that is part of a shareable link: the compared metric and year, the open detail list. */
export function useViewState() {
  return useQueryStates({ ...viewParsers, ...detailParsers }, { history: "replace" });
}
