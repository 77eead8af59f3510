import "server-only";
import { getDb } from "@/db/client";
import { type DashboardFilter, toFilterSearch } from "@/lib/filters/dashboard-filter";
import { childrenOf, findRegionByCode } from "@/lib/regions";
import { listYears } from "./charts";
import { cachedByVersion } from "./dataset-cache";
import { ALL_SCOPE } from "./region-scope";

export type OverviewContext = {
  level: number;
  regionName: string;
  crumbs: { name: string; href: string }[];
  /** Options of the region select: the current region, its parent chain and its children. */
  regionOptions: { code: string; name: string }[];
  years: number[];
};

/** What the overview page needs before its charts load: breadcrumbs, region choices and the years with data. */
export async function loadOverviewContext(filter: DashboardFilter): Promise<OverviewContext> {
  const db = await getDb();
  const region = filter.region ? findRegionByCode(filter.region) : null;
  const rest = { from: filter.from, to: filter.to, kind: filter.kind, layout: filter.layout };
  const href = (code?: string) => {
    const q = toFilterSearch({ ...rest, region: code });
    return q ? `/?${q}` : "/";
  };
  const chain: { code: string; name: string }[] = [];
  for (let r = region; r; r = r.parentCode ? findRegionByCode(r.parentCode) : null)
    chain.unshift({ code: r.code, name: r.name });
  const { value: years } = await cachedByVersion(db, "years", () => listYears(db, {}, ALL_SCOPE));
  const children = childrenOf(region?.code ?? null).map((r) => ({ code: r.code, name: `　${r.name}` }));
  return {
    level: region?.level ?? 0,
    regionName: region?.name ?? "全国",
    crumbs: [{ name: "全国", href: href() }, ...chain.map((c) => ({ name: c.name, href: href(c.code) }))],
    regionOptions: [{ code: "", name: "全国" }, ...chain, ...children],
    years,
  };
}
