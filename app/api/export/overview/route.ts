import { listOverviewCharts } from "@/lib/charts/overview-view";
import { overviewExportQuerySchema } from "@/lib/filters/dashboard-filter";
import { withRoute } from "@/lib/http/with-route";
import { respondWithWorkbook } from "@/lib/queries/chart-response";
import { getChartTable } from "@/lib/queries/charts/registry";

export const dynamic = "force-dynamic";

/** The overview page as one workbook: 说明 plus a sheet per chart the page shows, each with the page's own params. */
export const GET = withRoute(
  { query: overviewExportQuerySchema, permission: "export" },
  async ({ db, query, scope, audit }) => {
    const { metric, year, detailYear, detailMetric, detailGroup, ...filter } = query;
    const tables = [];
    for (const { chart, params } of listOverviewCharts(filter, { metric, year, detailYear, detailMetric, detailGroup }))
      tables.push(await getChartTable(db, chart, filter, scope, params));
    const rowCount = tables.reduce((n, t) => n + t.rows.length, 0);
    await audit({ action: "export", target: "overview.xlsx", filters: query, rowCount });
    return respondWithWorkbook(tables, "总览-当前视图", "overview");
  },
);
