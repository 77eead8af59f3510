import { Suspense } from "react";
import { ApplicationsChart } from "@/components/applications-chart";
import { FilterBar } from "@/components/filter-bar";
import { childrenOf } from "@/lib/regions";

export const dynamic = "force-dynamic";

const REPORT_YEARS = Array.from({ length: new Date().getFullYear() - 2019 + 1 }, (_, i) => 2019 + i);

export default function OverviewPage() {
  const provinces = childrenOf(null).map((r) => ({ code: r.code, name: r.name }));
  return (
    <>
      <div className="page-title">
        <h1>总览</h1>
        <p className="muted">全国各级行政机关政府信息公开工作年度报告统计</p>
      </div>
      <Suspense>
        <FilterBar provinces={provinces} years={REPORT_YEARS} />
        <ApplicationsChart />
      </Suspense>
    </>
  );
}
