import { HttpError, withRoute } from "@/lib/http/with-route";
import { agencyIdSchema, listAgencyWorkbookTables } from "@/lib/queries/agency-charts";
import { attachmentHeader, toXlsx } from "@/lib/queries/export-table";

export const dynamic = "force-dynamic";

/** An agency page as one workbook: 说明, a sheet per chart, and a sheet per year's report cells with their issues. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return withRoute({ permission: "export" }, async ({ db, scope, audit }) => {
    const agencyId = agencyIdSchema.parse(id);
    const workbook = await listAgencyWorkbookTables(db, agencyId, scope);
    if (!workbook) throw new HttpError(404, "NOT_FOUND", "没有找到该机关，或它不在您的数据范围内。");
    const { agencyName, tables } = workbook;
    const bytes = await toXlsx(tables);
    const rowCount = tables.reduce((n, t) => n + t.rows.length, 0);
    await audit({ action: "export", target: `agency ${agencyId}.xlsx`, filters: { agency: agencyId }, rowCount });
    const stamp = new Date().toISOString().slice(0, 10);
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
  })(request);
}
