"use client";

import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import type { AgencyChartId, ChartId } from "@/lib/charts/chart-catalog";
import type { ChartTable } from "@/lib/charts/chart-table";
import { findFrozenTable } from "@/lib/charts/shared-view";
import { useFrozenView } from "./frozen-view";

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

const MISSING_IN_SNAPSHOT = new ChartFetchError("这个冻结视图没有保存该图表的数据。");

/**
 * A chart's table from its endpoint; the query key is the chart id (or endpoint) plus the canonical query string.
 * Fresh for 5 s only and refetched on focus, so numbers after an ingest show at once: a refetch of an unchanged
 * dataset costs a conditional request the server answers 304 from the dataset version (ETag).
 * In a frozen view (a share link) the table is the stored one and nothing is fetched.
 */
export function useChartTable(
  chart: ChartId | AgencyChartId,
  search: string,
  enabled = true,
  endpoint?: string,
): UseQueryResult<ChartTable> {
  const frozen = useFrozenView();
  const query = useQuery({
    queryKey: endpoint ? ["chart", endpoint, search] : ["chart", chart, search],
    queryFn: () => fetchTable(endpoint ?? `/api/charts/${chart}`, search),
    enabled: enabled && !frozen,
    staleTime: 5_000,
    refetchOnWindowFocus: true,
    placeholderData: (previous) => previous,
  });
  if (!frozen) return query;
  const table = endpoint ? undefined : findFrozenTable(frozen, chart, search);
  const settled = { isPending: false, isLoading: false, isFetching: false, refetch: async () => query } as const;
  return (
    table
      ? { ...query, ...settled, data: table, error: null, isError: false, isSuccess: true, status: "success" }
      : {
          ...query,
          ...settled,
          data: undefined,
          error: MISSING_IN_SNAPSHOT,
          isError: true,
          isSuccess: false,
          status: "error",
        }
  ) as UseQueryResult<ChartTable>;
}
