import { HttpError, withRoute } from "@/lib/http/with-route";
import { deleteReport } from "@/lib/ingest/delete-report";

export const dynamic = "force-dynamic";

/** Deletes one report version (administrators only); the previous version, if any, becomes current again. */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return withRoute({ role: "admin" }, async ({ db, audit }) => {
    const reportId = Number(id);
    if (!Number.isInteger(reportId) || reportId <= 0) throw new HttpError(400, "INVALID_INPUT", "报告编号有误。");
    const deleted = await deleteReport(db, reportId);
    if (!deleted) throw new HttpError(404, "NOT_FOUND", "没有找到该报告。");
    await audit({
      action: "report.delete",
      target: `${deleted.agency} ${deleted.year}年度 · 报告 ${reportId}`,
      filters: { agencyId: deleted.agencyId, year: deleted.year, promotedId: deleted.promotedId },
      rowCount: 1,
    });
    return { deleted };
  })(request);
}
