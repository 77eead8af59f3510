import { dashboardFilterSchema } from "@/lib/filters/dashboard-filter";
import { withRoute } from "@/lib/http/with-route";
import { getApplicationsByYear } from "@/lib/queries/applications-by-year";

export const dynamic = "force-dynamic";

export const GET = withRoute({ query: dashboardFilterSchema }, async ({ db, query }) => ({
  filter: query,
  rows: await getApplicationsByYear(db, query),
}));
