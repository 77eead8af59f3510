import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sharedViews } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import type { Scope } from "@/lib/auth/scope";
import { CHART_IDS } from "@/lib/charts/chart-catalog";
import { listOverviewCharts, type OverviewView, toOverviewExportSearch } from "@/lib/charts/overview-view";
import { type FrozenChart, withTableViews } from "@/lib/charts/shared-view";
import { ConflictError, ForbiddenError, InvalidInputError } from "@/lib/errors";
import { type DashboardFilter, overviewExportQuerySchema, toFilterSearch } from "@/lib/filters/dashboard-filter";
import { hasControlCharacter } from "@/lib/http/control-characters";
import { getChartTable } from "@/lib/queries/charts/registry";
import { loadOverviewContext } from "@/lib/queries/overview-context";

/** What the share button sends: the overview's query string (filters and view) and the cards showing their table. */
export const shareRequestSchema = z.object({
  search: z.string({ message: "缺少视图参数（search）" }).max(2000, "视图参数过长"),
  tables: z
    .array(z.enum(CHART_IDS, { message: "表格视图中有不存在的图表" }))
    .max(CHART_IDS.length)
    .default([]),
});

export type SharedViewCreated = {
  token: string;
  path: string;
  createdAt: Date;
  datasetVersion: string;
  filter: DashboardFilter;
  view: OverviewView;
  rowCount: number;
};

const ATTEMPTS = 3;

/** Every chart of the view, with the params the page fetches it with (`listOverviewCharts`), under the scope. */
async function freezeCharts(db: Db, filter: DashboardFilter, view: OverviewView, scope: Scope) {
  const charts: FrozenChart[] = [];
  for (const { chart, params } of listOverviewCharts(filter, view)) {
    const table = await getChartTable(db, chart, filter, scope, params);
    charts.push({ chart, params, search: toFilterSearch({ ...filter, ...params }), table });
  }
  return charts;
}

/**
 * Freezes the overview view a user is looking at: computes its chart tables under the user's scope and stores them
 * with the view's URL state under a new random token. A supervisor's view always names a region (the page redirects
 * to the own one), so the stored region bounds the data and a viewer's scope is checked against it.
 */
export async function createSharedView(
  db: Db,
  input: { user: SessionUser; scope: Scope; request: unknown },
): Promise<SharedViewCreated> {
  const { user, scope } = input;
  const { search, tables } = shareRequestSchema.parse(input.request);
  const entries = [...new URLSearchParams(search)];
  // As withRoute does for a URL: PostgreSQL refuses U+0000, and no parameter of ours holds control characters.
  if (entries.some(([k, v]) => hasControlCharacter(k) || hasControlCharacter(v)))
    throw new InvalidInputError("视图参数有误：含有不可见的控制字符。");
  const query = overviewExportQuerySchema.parse(Object.fromEntries(entries));
  const { metric, year, detailYear, detailMetric, detailGroup, ...asked } = query;
  const filter: DashboardFilter = asked.region || !user.regionCode ? asked : { ...asked, region: user.regionCode };
  const view: OverviewView = { metric, year, detailYear, detailMetric, detailGroup };
  const page = await loadOverviewContext(filter, scope, { metric, year });
  if (!page) throw new ForbiddenError("无权分享该地区：它不在您账号的数据范围内。");

  // An ingest between two charts would mix versions: freeze again until every table has one.
  let charts: FrozenChart[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    charts = await freezeCharts(db, filter, view, scope);
    if (new Set(charts.map((c) => c.table.datasetVersion)).size === 1) break;
    if (attempt === ATTEMPTS - 1) throw new ConflictError("DATA_CHANGING", "数据正在更新，请稍后再分享。");
  }
  const datasetVersion = charts[0].table.datasetVersion;
  const token = randomBytes(18).toString("base64url");
  const [row] = await db
    .insert(sharedViews)
    .values({
      id: token,
      createdBy: user.id,
      createdByName: user.name,
      path: "/",
      search: withTableViews(toOverviewExportSearch(filter, view), tables),
      regionCode: filter.region ?? null,
      scope,
      datasetVersion,
      page,
      tables: charts,
    })
    .returning({ createdAt: sharedViews.createdAt });
  const rowCount = charts.reduce((n, c) => n + c.table.rows.length, 0);
  return { token, path: `/s/${token}`, createdAt: row.createdAt, datasetVersion, filter, view, rowCount };
}
