import { hasPermission } from "@/lib/auth/roles";
import { CHART_IDS, type ChartId } from "@/lib/charts/chart-catalog";
import { chartQuerySchema } from "@/lib/filters/dashboard-filter";
import { HttpError, withRoute } from "@/lib/http/with-route";
import { etagOf, notModified, respondWithTable } from "@/lib/queries/chart-response";
import { getChartTable } from "@/lib/queries/charts/registry";
import { getDatasetVersion } from "@/lib/queries/dataset-cache";

export const dynamic = "force-dynamic";

/** One endpoint per chart: its data as JSON (the chart), CSV or XLSX (the downloads) from the same query. */
export async function GET(request: Request, context: { params: Promise<{ chart: string }> }) {
  const { chart } = await context.params;
  return withRoute({ query: chartQuerySchema }, async ({ db, query, user, scope, audit }) => {
    if (!CHART_IDS.includes(chart as ChartId)) throw new HttpError(404, "UNKNOWN_CHART", `没有名为“${chart}”的图表。`);
    const { format = "json", rows = "view", metric, year, group, ...filter } = query;
    if (format !== "json" && !hasPermission(user, "export")) {
      throw new HttpError(403, "FORBIDDEN", "没有权限：您的账号没有导出数据的权限，请联系管理员。");
    }
    const etag = etagOf(`${await getDatasetVersion(db)}-${user.id}`, request);
    const cached = notModified(request, etag);
    if (cached) return cached;
    const table = await getChartTable(db, chart as ChartId, filter, scope, { metric, year, group }, rows);
    if (format !== "json") {
      await audit({ action: "export", target: `${chart}.${format}`, filters: query, rowCount: table.rows.length });
    }
    return respondWithTable(table, format, etag);
  })(request);
}
