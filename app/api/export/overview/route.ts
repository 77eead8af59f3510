import { chartQuerySchema } from "@/lib/filters/dashboard-filter";
import { withRoute } from "@/lib/http/with-route";
import { OVERVIEW_CHARTS } from "@/lib/queries/chart-catalog";
import { getChartTable } from "@/lib/queries/charts";
import { attachmentHeader, toXlsx } from "@/lib/queries/export-table";

export const dynamic = "force-dynamic";

/** The overview page as one workbook: 说明 plus a sheet per chart, each from the chart's own query. */
export const GET = withRoute({ query: chartQuerySchema, permission: "export" }, async ({ db, query, scope, audit }) => {
  const { format: _format, rows: _rows, metric, year, group, ...filter } = query;
  const tables = [];
  for (const chart of OVERVIEW_CHARTS)
    tables.push(await getChartTable(db, chart, filter, scope, { metric, year, group }));
  const bytes = await toXlsx(tables);
  const rowCount = tables.reduce((n, t) => n + t.rows.length, 0);
  await audit({ action: "export", target: "overview.xlsx", filters: query, rowCount });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(bytes as BodyInit, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentHeader(`总览-当前视图-${stamp}.xlsx`, `overview-${stamp}.xlsx`),
      "Cache-Control": "private, no-store",
    },
  });
});
