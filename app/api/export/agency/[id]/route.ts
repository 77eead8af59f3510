import { z } from "zod";
import { formatChinaDate } from "@/lib/china-time";
import { requireFound } from "@/lib/errors";
import { idParam } from "@/lib/http/route-params";
import { withRoute } from "@/lib/http/with-route";
import { AGENCY_OUT_OF_REACH, listAgencyWorkbookTables } from "@/lib/queries/agency-charts";
import { attachmentHeader, toXlsx } from "@/lib/queries/export-table";

export const dynamic = "force-dynamic";

/** An agency page as one workbook: 说明, a sheet per chart, and a sheet per year's report cells with their issues. */
export const GET = withRoute(
  { permission: "export", params: z.object({ id: idParam("机关编号应为正整数") }) },
  async ({ db, params: { id: agencyId }, scope, audit }) => {
    const { agencyName, tables } = requireFound(
      await listAgencyWorkbookTables(db, agencyId, scope),
      AGENCY_OUT_OF_REACH,
    );
    const bytes = await toXlsx(tables);
    const rowCount = tables.reduce((n, t) => n + t.rows.length, 0);
    await audit({ action: "export", target: `agency ${agencyId}.xlsx`, filters: { agency: agencyId }, rowCount });
    const stamp = formatChinaDate();
    return new Response(bytes as BodyInit, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": attachmentHeader(
          `${agencyName}-全部数据-${stamp}.xlsx`,
          `agency-${agencyId}-${stamp}.xlsx`,
        ),
        "Cache-Control": "private, no-store",
      },
    });
  },
);
