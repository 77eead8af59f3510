import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/queries/check-health";

export const dynamic = "force-dynamic";

/** "ok" or "unavailable" for anyone; the stored counts too for a signed-in caller. */
export async function GET(request?: Request) {
  const health = await checkHealth(request?.headers);
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
}
