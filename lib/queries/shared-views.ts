import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { sharedViews } from "@/db/schema";
import type { Scope } from "@/lib/auth/scope";
import type { ChartTable } from "@/lib/charts/chart-table";
import { type FrozenChart, SHARE_TOKEN_PATTERN } from "@/lib/charts/shared-view";
import { formatChinaTime } from "@/lib/china-time";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { describeRegion } from "@/lib/regions";
import { getChartTable } from "./charts/registry";
import { drainRollupsAndGetVersion } from "./dataset-cache";
import type { OverviewContext } from "./overview-context";
import { isRegionInScope } from "./region-scope";

export type SharedView = {
  token: string;
  createdAt: Date;
  createdByName: string;
  /** The live page and its query string (filters, view params, table views). */
  path: string;
  search: string;
  regionCode: string | null;
  datasetVersion: string;
  page: OverviewContext;
  charts: FrozenChart[];
};

export const SHARE_NOT_FOUND = "分享链接无效：没有找到这个冻结视图，请向分享人核对链接。";

/**
 * A shared view the caller may open: any signed-in user whose scope covers the view's region (全国 needs the whole
 * country). An unknown token is NotFoundError; a view beyond the scope is ForbiddenError and returns nothing of it.
 */
export async function readSharedView(db: Db, token: string, scope: Scope): Promise<SharedView> {
  if (!SHARE_TOKEN_PATTERN.test(token)) throw new NotFoundError(SHARE_NOT_FOUND, "UNKNOWN_SHARE");
  const [row] = await db.select().from(sharedViews).where(eq(sharedViews.id, token));
  if (!row) throw new NotFoundError(SHARE_NOT_FOUND, "UNKNOWN_SHARE");
  if (!isRegionInScope(row.regionCode, scope)) {
    const where = row.regionCode ? describeRegion(row.regionCode) : "全国";
    throw new ForbiddenError(
      `该冻结视图是${where}的数据，超出了您账号的数据范围，因此不能查看。如需查看，请联系分享人或管理员。`,
      "SHARE_OUT_OF_SCOPE",
    );
  }
  return {
    token: row.id,
    createdAt: row.createdAt,
    createdByName: row.createdByName,
    path: row.path,
    search: row.search,
    regionCode: row.regionCode,
    datasetVersion: row.datasetVersion,
    page: row.page as OverviewContext,
    charts: row.tables as FrozenChart[],
  };
}

/** A stored table as the frozen view's downloads give it: a first note says when it was frozen, at which version. */
function markFrozen(view: SharedView, table: ChartTable): ChartTable {
  const when = formatChinaTime(view.createdAt).slice(0, 16);
  const note = `冻结视图：${when}（北京时间）分享时保存的数据，数据版本 ${view.datasetVersion}；此后的数据变化不在其中。`;
  return { ...table, notes: [note, ...table.notes] };
}

/** One stored table of the view for download, or NotFoundError when the view did not show that chart. */
export function findSharedTable(view: SharedView, chart: string): ChartTable {
  const found = view.charts.find((c) => c.chart === chart);
  if (!found) throw new NotFoundError("这个冻结视图中没有该图表。", "UNKNOWN_CHART");
  return markFrozen(view, found.table);
}

/** Every stored table of the view, in page order, for its workbook. */
export function listSharedTables(view: SharedView): ChartTable[] {
  return view.charts.map((c) => markFrozen(view, c.table));
}

/** JSON with object keys sorted: jsonb stores keys in its own order, so a stored table's rows come back reordered. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const figuresOf = (t: ChartTable) => stableJson([t.columns, t.rows, t.totals ?? null]);

/** Whether any chart of the view shows other figures today (the viewer's scope covers the view's region). */
async function haveFiguresChanged(db: Db, view: SharedView, scope: Scope): Promise<boolean> {
  for (const { chart, params, table } of view.charts) {
    const live = await getChartTable(db, chart, table.filter, scope, params);
    if (figuresOf(live) !== figuresOf(table)) return true;
  }
  return false;
}

export type SharedViewPage = SharedView & {
  currentVersion: string;
  /** Null while the dataset is still at the view's version; else whether the view's own figures differ now. */
  figuresChanged: boolean | null;
};

/** The frozen page's data: the view, the dataset's current version and whether the view's figures changed since. */
export async function loadSharedViewPage(token: string, scope: Scope): Promise<SharedViewPage> {
  const db = await getDb();
  const view = await readSharedView(db, token, scope);
  const currentVersion = await drainRollupsAndGetVersion(db);
  const figuresChanged = currentVersion === view.datasetVersion ? null : await haveFiguresChanged(db, view, scope);
  return { ...view, currentVersion, figuresChanged };
}
