import { z } from "zod";
import { assertPermission } from "@/lib/auth/roles";
import { CHART_IDS } from "@/lib/charts/chart-catalog";
import { downloadFlagSchema, EXPORT_FORMATS, isExportRequest } from "@/lib/filters/dashboard-filter";
import { chartIdParam } from "@/lib/http/route-params";
import { withRoute } from "@/lib/http/with-route";
import { etagOf, notModified, respondWithTable } from "@/lib/queries/chart-response";
import { findSharedTable, readSharedView } from "@/lib/queries/shared-views";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { message: "导出格式应为 json、csv 或 xlsx" }).optional(),
  rows: z.enum(["view"], { message: "冻结视图只保存了图表数据（rows=view），没有保存全部明细报告" }).optional(),
  download: downloadFlagSchema,
});
const paramsSchema = z.object({ token: z.string().max(64), chart: chartIdParam(CHART_IDS) });

/** A chart of a frozen view, as stored at share time: JSON, CSV or XLSX, audited like the live downloads. */
export const GET = withRoute(
  { query: querySchema, params: paramsSchema },
  async ({ request, db, query, params: { token, chart }, user, scope, audit }) => {
    const { format = "json" } = query;
    const exporting = isExportRequest(query);
    if (exporting) assertPermission(user, "export");
    const view = await readSharedView(db, token, scope);
    const table = findSharedTable(view, chart);
    const etag = etagOf(request, { version: view.datasetVersion, userId: user.id, scope, subject: `share ${token}` });
    const cached = notModified(request, etag);
    if (cached) return cached;
    if (exporting) {
      await audit({
        action: "export",
        target: `${chart}.${format}`,
        filters: { share: token, ...table.filter, ...table.params, ...query, datasetVersion: view.datasetVersion },
        rowCount: table.rows.length,
      });
    }
    return respondWithTable(table, format, etag, exporting);
  },
);
