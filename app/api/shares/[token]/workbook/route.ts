import { z } from "zod";
import { withRoute } from "@/lib/http/with-route";
import { respondWithWorkbook } from "@/lib/queries/chart-response";
import { listSharedTables, readSharedView } from "@/lib/queries/shared-views";

export const dynamic = "force-dynamic";

/** A frozen view as one workbook: the stored tables of every chart it showed, audited like the live one. */
export const GET = withRoute(
  { params: z.object({ token: z.string().max(64) }), permission: "export" },
  async ({ db, params: { token }, scope, audit }) => {
    const view = await readSharedView(db, token, scope);
    const tables = listSharedTables(view);
    const { table: _tableViews, ...shown } = Object.fromEntries(new URLSearchParams(view.search));
    await audit({
      action: "export",
      target: "overview.xlsx",
      filters: { share: token, ...shown, datasetVersion: view.datasetVersion },
      rowCount: tables.reduce((n, t) => n + t.rows.length, 0),
    });
    return respondWithWorkbook(tables, "总览-冻结视图", "overview-frozen");
  },
);
