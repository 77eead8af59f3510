import { hasPermission } from "@/lib/auth/roles";
import { HttpError, withRoute } from "@/lib/http/with-route";
import {
  agencyChartIdSchema,
  agencyChartQuerySchema,
  agencyIdSchema,
  getAgencyChartTable,
} from "@/lib/queries/agency-charts";
import { etagOf, notModified, respondWithTable } from "@/lib/queries/chart-response";
import { getDatasetVersion } from "@/lib/queries/dataset-cache";

export const dynamic = "force-dynamic";

/** An agency page's chart: its data as JSON (the chart), CSV or XLSX (the downloads) from the same function. */
export async function GET(request: Request, context: { params: Promise<{ id: string; chart: string }> }) {
  const params = await context.params;
  return withRoute({ query: agencyChartQuerySchema }, async ({ db, query, user, scope, audit }) => {
    const chart = agencyChartIdSchema.safeParse(params.chart);
    if (!chart.success) throw new HttpError(404, "UNKNOWN_CHART", `没有名为“${params.chart}”的图表。`);
    const agencyId = agencyIdSchema.parse(params.id);
    const { format = "json", rows = "view", year } = query;
    if (format !== "json" && !hasPermission(user, "export")) {
      throw new HttpError(403, "FORBIDDEN", "没有权限：您的账号没有导出数据的权限，请联系管理员。");
    }
    const etag = etagOf(`${await getDatasetVersion(db)}-${user.id}-${agencyId}`, request);
    const cached = notModified(request, etag);
    if (cached) return cached;
    const table = await getAgencyChartTable(db, agencyId, scope, chart.data, { year }, rows);
    if (!table) throw new HttpError(404, "NOT_FOUND", "没有找到该机关，或它不在您的数据范围内。");
    if (format !== "json") {
      await audit({
        action: "export",
        target: `agency ${agencyId} ${chart.data}.${format}`,
        filters: query,
        rowCount: table.rows.length,
      });
    }
    return respondWithTable(table, format, etag);
  })(request);
}
