import { withRoute } from "@/lib/http/with-route";
import { listRegionNodes } from "@/lib/regions";

export const dynamic = "force-dynamic";

/** The national region table for the region picker, nested province → prefecture → county; it changes only on deploy. */
export const GET = withRoute({}, async () =>
  Response.json(listRegionNodes(), { headers: { "Cache-Control": "private, max-age=86400" } }),
);
