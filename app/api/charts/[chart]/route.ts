import { z } from "zod";
import { assertPermission } from "@/lib/auth/roles";
import { CHART_IDS } from "@/lib/charts/chart-catalog";
import { chartQuerySchema, isExportRequest } from "@/lib/filters/dashboard-filter";
import { chartIdParam } from "@/lib/http/route-params";
import { withRoute } from "@/lib/http/with-route";
import { etagOf, notModified, respondWithTable } from "@/lib/queries/chart-response";
import { getChartTable } from "@/lib/queries/charts/registry";
import { drainRollupsAndGetVersion } from "@/lib/queries/dataset-cache";

export const dynamic = "force-dynamic";

/** One endpoint per chart: its data as JSON (the chart), CSV or XLSX (the downloads) from the same query. */
export const GET = withRoute(
  { query: chartQuerySchema, params: z.object({ chart: chartIdParam(CHART_IDS) }) },
  async ({ request, db, query, params: { chart }, user, scope, audit }) => {
    const { format = "json", rows = "view", download: _download, metric, year, group, ...filter } = query;
    const exporting = isExportRequest(query);
    if (exporting) assertPermission(user, "export");
    const etag = etagOf(request, { version: await drainRollupsAndGetVersion(db), userId: user.id, scope });
    const cached = notModified(request, etag);
    if (cached) return cached;
    const table = await getChartTable(db, chart, filter, scope, { metric, year, group }, rows);
    if (exporting) {
      await audit({ action: "export", target: `${chart}.${format}`, filters: query, rowCount: table.rows.length });
    }
    return respondWithTable(table, format, etag, exporting);
  },
);
