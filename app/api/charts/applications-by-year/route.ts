import { GET as getChart } from "../[chart]/route";

export const dynamic = "force-dynamic";

/** The first chart's original address, kept for existing links: the same handler as /api/charts/[chart]. */
export function GET(request: Request) {
  return getChart(request, { params: Promise.resolve({ chart: "applications-by-year" }) });
}
