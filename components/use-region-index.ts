"use client";

import { useQuery } from "@tanstack/react-query";
import { indexRegions, type RegionIndex, type RegionNode } from "@/lib/regions/search-regions";

async function fetchRegionIndex(): Promise<RegionIndex> {
  let response: Response;
  try {
    response = await fetch("/api/regions");
  } catch {
    throw new Error("无法连接服务器，地区列表未能加载。");
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message ?? "地区列表加载失败，请稍后重试。");
  }
  return indexRegions((await response.json()) as RegionNode[]);
}

/** The national region table, fetched once per page load (and kept by the browser for a day) for region pickers. */
export function useRegionIndex() {
  return useQuery({ queryKey: ["regions"], queryFn: fetchRegionIndex, staleTime: Infinity, gcTime: Infinity });
}
