import { chartQuerySchema } from "@/lib/filters/dashboard-filter";
import { HttpError, withRoute } from "@/lib/http/with-route";
import { CHART_IDS, type ChartId } from "@/lib/queries/chart-catalog";
import { etagOf, notModified, respondWithTable } from "@/lib/queries/chart-response";
import { getChartTable } from "@/lib/queries/charts";
import { getDatasetVersion } from "@/lib/queries/dataset-cache";
import { resolveRequestScope } from "@/lib/queries/region-scope";

export const dynamic = "force-dynamic";

/** One endpoint per chart: its data as JSON (the chart), CSV or XLSX (the downloads) from the same query. */
export async function GET(request: Request, context: { params: Promise<{ chart: string }> }) {
  const { chart } = await context.params;
  return withRoute({ query: chartQuerySchema }, async ({ db, query }) => {
    if (!CHART_IDS.includes(chart as ChartId)) throw new HttpError(404, "UNKNOWN_CHART", `没有名为“${chart}”的图表。`);
    const { format = "json", rows = "view", metric, year, group, ...filter } = query;
    const etag = etagOf(await getDatasetVersion(db), request);
    const cached = notModified(request, etag);
    if (cached) return cached;
    const table = await getChartTable(
      db,
      chart as ChartId,
      filter,
      resolveRequestScope(request),
      { metric, year, group },
      rows,
    );
    return respondWithTable(table, format, etag);
  })(request);
}
