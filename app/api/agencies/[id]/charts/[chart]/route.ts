import { z } from "zod";
import { assertPermission } from "@/lib/auth/roles";
import { AGENCY_CHART_IDS } from "@/lib/charts/chart-catalog";
import { requireFound } from "@/lib/errors";
import { isExportRequest } from "@/lib/filters/dashboard-filter";
import { chartIdParam, idParam } from "@/lib/http/route-params";
import { withRoute } from "@/lib/http/with-route";
import { AGENCY_OUT_OF_REACH, agencyChartQuerySchema, getAgencyChartTable } from "@/lib/queries/agency-charts";
import { etagOf, notModified, respondWithTable } from "@/lib/queries/chart-response";
import { drainRollupsAndGetVersion } from "@/lib/queries/dataset-cache";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ chart: chartIdParam(AGENCY_CHART_IDS), id: idParam("机关编号应为正整数") });

/** An agency page's chart: its data as JSON (the chart), CSV or XLSX (the downloads) from the same function. */
export const GET = withRoute(
  { query: agencyChartQuerySchema, params: paramsSchema },
  async ({ request, db, query, params: { chart, id: agencyId }, user, scope, audit }) => {
    const { format = "json", rows = "view", year } = query;
    const exporting = isExportRequest(query);
    if (exporting) assertPermission(user, "export");
    const version = await drainRollupsAndGetVersion(db);
    // Scope first: an agency out of reach is 404 even to a client holding an old validator.
    const table = requireFound(
      await getAgencyChartTable(db, agencyId, scope, chart, { year }, rows),
      AGENCY_OUT_OF_REACH,
    );
    const etag = etagOf(request, { version, userId: user.id, scope, subject: `agency ${agencyId}` });
    const cached = notModified(request, etag);
    if (cached) return cached;
    if (exporting) {
      await audit({
        action: "export",
        target: `agency ${agencyId} ${chart}.${format}`,
        filters: query,
        rowCount: table.rows.length,
      });
    }
    return respondWithTable(table, format, etag, exporting);
  },
);
