import "server-only";
import { getDb } from "@/db/client";
import type { Scope } from "@/lib/auth/scope";
import { type DashboardFilter, toFilterSearch } from "@/lib/filters/dashboard-filter";
import { childrenOf, findRegionByCode } from "@/lib/regions";
import { aggregateMetrics } from "./aggregate-metrics";
import { listYears } from "./charts/list-years";
import { cachedByVersion } from "./dataset-cache";

export type OverviewContext = {
  level: number;
  regionName: string;
  crumbs: { name: string; href: string }[];
  /** Options of the region select: the current region, its parent chain and its children (with their reports). */
  regionOptions: { code: string; name: string }[];
  /** Current reports of the region, any year: 0 says nothing was imported there (not that a filter is too narrow). */
  regionReports: number;
  years: number[];
};

/**
 * What the overview page needs before its charts load: breadcrumbs, region choices and the years with data.
 * A supervisor's breadcrumbs and choices start at the scope's root; null when the region lies outside the scope.
 * Going up keeps the other filters and the comparison (`view`: compared metric and year).
 */
export async function loadOverviewContext(
  filter: DashboardFilter,
  scope: Scope,
  view: { metric?: string; year?: number } = {},
): Promise<OverviewContext | null> {
  const db = await getDb();
  const region = filter.region ? findRegionByCode(filter.region) : null;
  const rest = { from: filter.from, to: filter.to, kind: filter.kind, layout: filter.layout, ...view };
  const href = (code?: string) => {
    const q = toFilterSearch({ ...rest, region: code });
    return q ? `/?${q}` : "/";
  };
  const chain: { code: string; name: string }[] = [];
  for (let r = region; r; r = r.parentCode ? findRegionByCode(r.parentCode) : null)
    chain.unshift({ code: r.code, name: r.name });
  const roots = scope === "all" ? null : scope.regionCodes;
  if (roots) {
    const top = chain.findIndex((c) => roots.includes(c.code));
    if (top < 0) return null;
    chain.splice(0, top);
  }
  const { value: years } = await cachedByVersion(db, `years:${roots?.join(",") ?? "all"}`, () =>
    listYears(db, {}, scope),
  );
  // Reports per child, any year and kind: the select shows which regions have data at all.
  const { value: byChild } = await cachedByVersion(db, `child-reports:${region?.code ?? ""}:${roots ?? "all"}`, () =>
    aggregateMetrics(db, { region: region?.code }, scope, { metricIds: [], groupBy: "child" }),
  );
  const reportsOf = new Map(byChild.map((r) => [r.group, r.reports]));
  const children = childrenOf(region?.code ?? null).map((r) => {
    const n = reportsOf.get(r.code) ?? 0;
    return { code: r.code, name: `　${r.name}（${n ? `${n.toLocaleString("zh-CN")} 份报告` : "暂无报告"}）` };
  });
  return {
    level: region?.level ?? 0,
    regionName: region?.name ?? "全国",
    crumbs: [
      ...(roots ? [] : [{ name: "全国", href: href() }]),
      ...chain.map((c) => ({ name: c.name, href: href(c.code) })),
    ],
    regionOptions: [...(roots ? [] : [{ code: "", name: "全国" }]), ...chain, ...children],
    regionReports: byChild.reduce((sum, r) => sum + r.reports, 0),
    years,
  };
}
