import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { FilterBar } from "@/components/filter-bar";
import { FrozenViewProvider } from "@/components/frozen-view";
import { Overview } from "@/components/overview";
import { SharedViewBanner } from "@/components/shared-view-banner";
import { requireSession } from "@/lib/auth/session";
import { isSameViewSearch } from "@/lib/charts/shared-view";
import { formatChinaTime } from "@/lib/china-time";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { loadSharedViewPage, type SharedViewPage } from "@/lib/queries/shared-views";

export const dynamic = "force-dynamic";
export const metadata = { title: "冻结视图 · 政府信息公开年报看板" };

type PageProps = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** "2026 年 12 月 5 日" and "14:03" in Beijing time. */
function describeMoment(date: Date): { day: string; time: string } {
  const [y, m, d, hh, mm] = formatChinaTime(date).split(/[- :]/);
  return { day: `${y} 年 ${Number(m)} 月 ${Number(d)} 日`, time: `${hh}:${mm}` };
}

/**
 * A shared view (/s/<token>): the overview as it was when shared, from the stored tables, read-only. The URL carries
 * the stored view state (the same keys as the live page), so the page's components read it as they always do.
 */
export default async function FrozenViewPage({ params, searchParams }: PageProps) {
  const { token } = await params;
  const { scope } = await requireSession();
  let view: SharedViewPage;
  try {
    view = await loadSharedViewPage(token, scope);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (!(error instanceof ForbiddenError)) throw error;
    return (
      <div className="card state state-error" role="alert" data-testid="share-forbidden">
        <h1>无权查看该冻结视图（403）</h1>
        <p>{error.message}</p>
        <Link href="/">返回本地区总览</Link>
      </div>
    );
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams))
    for (const v of [value].flat()) if (v) search.append(key, v);
  if (!isSameViewSearch(search.toString(), view.search)) redirect(`/s/${token}${view.search ? `?${view.search}` : ""}`);

  const { page } = view;
  const moment = describeMoment(view.createdAt);
  return (
    <>
      <SharedViewBanner
        sharedOn={moment.day}
        sharedAt={moment.time}
        sharedBy={view.createdByName}
        datasetVersion={view.datasetVersion}
        currentVersion={view.currentVersion}
        figuresChanged={view.figuresChanged}
        liveHref={`${view.path}${view.search ? `?${view.search}` : ""}`}
      />
      <div className="page-title">
        <Breadcrumbs items={page.crumbs} plain />
        <h1>总览 · {page.regionName}</h1>
        <p className="muted">
          各级行政机关政府信息公开工作年度报告统计（分享时的当前版本报告；比率为分子之和 ÷ 分母之和）
        </p>
      </div>
      <FrozenViewProvider view={{ token: view.token, charts: view.charts }}>
        <Suspense>
          <FilterBar regions={page.regionOptions} years={page.years} />
          {page.regionReports > 0 ? (
            <Overview level={page.level} regionName={page.regionName} years={page.years} canExport={false} />
          ) : (
            <section className="card state state-empty" data-testid="region-empty">
              <h2>分享时{page.regionName}尚未导入任何年度报告</h2>
              <p className="muted">因此这个冻结视图没有统计图表。</p>
            </section>
          )}
        </Suspense>
      </FrozenViewProvider>
    </>
  );
}
