import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ChartTable } from "@/lib/charts/chart-table";
import { findDetailSubset } from "@/lib/charts/detail-subsets";
import { formatChinaTime } from "@/lib/china-time";
import { selectRows } from "@/lib/db/rows";
import { getMetric } from "@/lib/metrics";
import { findRegionByCode } from "@/lib/regions";
import { AGENCY_KIND_LABELS } from "@/lib/report/schema";
import { cachedByVersion } from "./dataset-cache";

export const CAPTION_SOURCE = "来源：各机关政府信息公开工作年度报告，政府信息公开年报看板整理";

/** When the latest report was imported (Beijing time, to the minute); null before any import. */
export async function getDataAsOf(db: Db): Promise<string | null> {
  const { value } = await cachedByVersion(db, "data-as-of", async () => {
    const [row] = await selectRows<{ at: Date | string | null }>(db, sql`select max(created_at) as at from reports`);
    return row?.at ? formatChinaTime(new Date(row.at)).slice(0, 16) : null;
  });
  return value;
}

/** What a chart shows, in one line a figure can carry on its own: 地区 · 年度 · 筛选 · 选择 · 数据截至 · 来源. */
export function describeCaption(
  table: Pick<ChartTable, "filter" | "params" | "subject">,
  dataAsOf: string | null,
  agency?: { name: string; region: string },
): string {
  const { filter, params } = table;
  const region = filter.region ? (findRegionByCode(filter.region)?.path.join("") ?? filter.region) : "全国";
  const years =
    filter.from || filter.to
      ? `${filter.from ?? "最早"}–${filter.to ?? "最新"}年度`
      : agency
        ? "全部已收报告"
        : "全部年度";
  const subset = findDetailSubset(params.metric);
  const parts = [
    ...(agency ? [agency.region ? `${agency.region} ${agency.name}` : agency.name] : [region]),
    years,
    ...(filter.kind ? [`机关类型：${AGENCY_KIND_LABELS[filter.kind]}`] : []),
    ...(filter.layout ? [`${filter.layout} 版表格`] : []),
    ...(params.metric ? [`指标：${subset?.label ?? getMetric(params.metric).name}`] : []),
    ...(params.year ? [`${params.year}年`] : []),
    `数据截至 ${dataAsOf ?? "—"}（北京时间）`,
    CAPTION_SOURCE,
  ];
  return parts.join(" · ");
}
