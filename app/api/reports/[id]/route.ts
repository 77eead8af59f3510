import { z } from "zod";
import { requireFound } from "@/lib/errors";
import { idParam } from "@/lib/http/route-params";
import { withRoute } from "@/lib/http/with-route";
import { deleteReport } from "@/lib/ingest/delete-report";

export const dynamic = "force-dynamic";

/** Deletes one report version (administrators only); the previous version, if any, becomes current again. */
export const DELETE = withRoute(
  { role: "admin", params: z.object({ id: idParam("报告编号有误。") }) },
  async ({ db, params: { id: reportId }, audit }) => {
    const deleted = requireFound(await deleteReport(db, reportId), "没有找到该报告。");
    await audit({
      action: "report.delete",
      target: `${deleted.agency} ${deleted.year}年度 · 报告 ${reportId}`,
      filters: { agencyId: deleted.agencyId, year: deleted.year, promotedId: deleted.promotedId },
      rowCount: 1,
    });
    return { deleted };
  },
);
