import Link from "next/link";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { FilterBar } from "@/components/filter-bar";
import { Overview } from "@/components/overview";
import { dashboardFilterSchema } from "@/lib/filters/dashboard-filter";
import { loadOverviewContext } from "@/lib/queries/overview-context";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = dashboardFilterSchema.safeParse(
    Object.fromEntries(["region", "from", "to", "kind", "layout"].filter((k) => raw[k]).map((k) => [k, raw[k]])),
  );
  if (!parsed.success) {
    return (
      <div className="card state state-error" role="alert">
        <h1>链接中的筛选条件有误</h1>
        <p>{parsed.error.issues.map((i) => i.message).join("；")}</p>
        <Link href="/">返回全国总览</Link>
      </div>
    );
  }
  const context = await loadOverviewContext(parsed.data);
  return (
    <>
      <div className="page-title">
        <Breadcrumbs items={context.crumbs} />
        <h1>总览 · {context.regionName}</h1>
        <p className="muted">各级行政机关政府信息公开工作年度报告统计（当前版本报告；比率为分子之和 ÷ 分母之和）</p>
      </div>
      <Suspense>
        <FilterBar regions={context.regionOptions} years={context.years} />
        <Overview level={context.level} regionName={context.regionName} years={context.years} />
      </Suspense>
    </>
  );
}
