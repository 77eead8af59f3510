"use client";

import { parseAsInteger, parseAsString, useQueryStates } from "nuqs";

/** The dashboard filter in the URL; the same keys as `dashboardFilterSchema` on the server. */
export function useDashboardFilter() {
  return useQueryStates({ region: parseAsString, from: parseAsInteger, to: parseAsInteger });
}

export function toSearchParams(filter: { region: string | null; from: number | null; to: number | null }): string {
  const params = new URLSearchParams();
  if (filter.region) params.set("region", filter.region);
  if (filter.from) params.set("from", String(filter.from));
  if (filter.to) params.set("to", String(filter.to));
  return params.toString();
}
