import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { FilterBar } from "@/components/filter-bar";
import { Overview } from "@/components/overview";
import { OverviewBreadcrumbs } from "@/components/overview-breadcrumbs";
import { describeScope, hasPermission } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { parseFilterSearch } from "@/lib/filters/dashboard-filter";
import { describeFilter } from "@/lib/filters/describe-filter";
import { loadViewParams } from "@/lib/filters/url-parsers";
import { describeInputIssues } from "@/lib/http/describe-input-issues";
import { loadOverviewContext } from "@/lib/queries/overview-context";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const search = await searchParams;
  const raw = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { user, scope } = await requireSession();
  if (!raw.region && user.regionCode) {
    const own = Object.entries({ ...raw, region: user.regionCode }).filter((e): e is [string, string] => !!e[1]);
    redirect(`/?${new URLSearchParams(own)}`);
  }
  const parsed = parseFilterSearch(search);
  if (!parsed.success) {
    return (
      <div className="card state state-error" role="alert">
        <h1>链接中的筛选条件有误</h1>
        <p>{describeInputIssues(parsed.error.issues)}</p>
        <Link href="/">返回全国总览</Link>
      </div>
    );
  }
  const { metric, year } = loadViewParams(search);
  const context = await loadOverviewContext(parsed.data, scope, {
    metric: metric || undefined,
    year: year ?? undefined,
  });
  if (!context) {
    return (
      <div className="card state state-error" role="alert">
        <h1>无权查看该地区</h1>
        <p>您的账号只能查看{describeScope(user)}及其下辖地区的数据。</p>
        <Link href="/">返回本地区总览</Link>
      </div>
    );
  }
  return (
    <>
      <div className="page-title">
        <Suspense fallback={<Breadcrumbs items={context.crumbs} />}>
          <OverviewBreadcrumbs items={context.crumbs} />
        </Suspense>
        <h1>总览 · {context.regionName}</h1>
        <p className="muted">各级行政机关政府信息公开工作年度报告统计（当前版本报告；比率为分子之和 ÷ 分母之和）</p>
        <p className="print-only filter-summary">筛选条件：{describeFilter(parsed.data, context.regionName)}</p>
      </div>
      <Suspense>
        <FilterBar regions={context.regionOptions} years={context.years} />
        {context.regionReports > 0 ? (
          <Overview
            level={context.level}
            regionName={context.regionName}
            years={context.years}
            canExport={hasPermission(user, "export")}
          />
        ) : (
          <section className="card state state-empty" data-testid="region-empty">
            <h2>{context.regionName}尚未导入任何年度报告</h2>
            <p className="muted">
              本地区及其下辖地区的机关还没有一份政府信息公开工作年度报告入库，因此没有统计图表；这不是筛选条件过窄所致。
            </p>
            <p>
              {user.role === "admin" ? <Link href="/import">导入年度报告</Link> : "请联系管理员导入本地区的年度报告，"}
              {user.role === "admin" ? "，或" : ""}
              {context.crumbs.length > 1 ? <Link href={context.crumbs.at(-2)!.href}>返回上一级地区</Link> : null}
            </p>
          </section>
        )}
      </Suspense>
    </>
  );
}
