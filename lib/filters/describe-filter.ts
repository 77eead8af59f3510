import { AGENCY_KIND_LABELS } from "@/lib/report/schema";
import type { DashboardFilter } from "./dashboard-filter";

/** The whole filter in one line, every condition said even when open: what a printed page was filtered by. */
export function describeFilter(filter: DashboardFilter, regionName: string): string {
  const years =
    filter.from || filter.to
      ? filter.from === filter.to
        ? `${filter.from}年度`
        : `${filter.from ?? "最早"}–${filter.to ?? "最新"}年度`
      : "全部年度";
  return [
    `地区 ${regionName}`,
    `年度 ${years}`,
    `机关类型 ${filter.kind ? AGENCY_KIND_LABELS[filter.kind] : "全部"}`,
    `表格版式 ${filter.layout ? `${filter.layout} 版` : "全部"}`,
  ].join(" · ");
}
