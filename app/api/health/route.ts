import { NextResponse } from "next/server";
import { getDbHandle } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/errors";
import { countStoredReports } from "@/lib/queries/count-stored-reports";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const handle = await getDbHandle();
    const counts = await countStoredReports(handle.db);
    return NextResponse.json({ status: "ok", database: handle.kind, ...counts });
  } catch (error) {
    const message = error instanceof DatabaseUnavailableError ? error.message : "数据库不可用";
    return NextResponse.json(
      { status: "unavailable", error: { code: "DATABASE_UNAVAILABLE", message } },
      { status: 503 },
    );
  }
}
