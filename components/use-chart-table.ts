"use client";

import { useQuery } from "@tanstack/react-query";
import type { AgencyChartId, ChartId } from "@/lib/charts/chart-catalog";
import type { ChartTable } from "@/lib/charts/chart-table";

export class ChartFetchError extends Error {}

async function fetchTable(endpoint: string, search: string): Promise<ChartTable> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}?${search}`);
  } catch {
    throw new ChartFetchError("网络连接失败，请检查网络后重试。");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ChartFetchError(body?.error?.message ?? `数据加载失败（HTTP ${response.status}）`);
  return body as ChartTable;
}

/**
 * A chart's table from its endpoint; the query key is the chart id (or endpoint) plus the canonical query string.
 * Fresh for 5 s only and refetched on focus, so numbers after an ingest show at once: a refetch of an unchanged
 * dataset costs a conditional request the server answers 304 from the dataset version (ETag).
 */
export function useChartTable(chart: ChartId | AgencyChartId, search: string, enabled = true, endpoint?: string) {
  return useQuery({
    queryKey: endpoint ? ["chart", endpoint, search] : ["chart", chart, search],
    queryFn: () => fetchTable(endpoint ?? `/api/charts/${chart}`, search),
    enabled,
    staleTime: 5_000,
    refetchOnWindowFocus: true,
    placeholderData: (previous) => previous,
  });
}
