import "server-only";
import { count, eq } from "drizzle-orm";
import { type Db, type DbKind, getDbHandle } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/errors";
import { agencies, reports, sourceDocuments } from "@/db/schema";

export type Health =
  | { status: "ok"; database: DbKind; reports: number; agencies: number; documents: number }
  | { status: "unavailable"; error: { code: "DATABASE_UNAVAILABLE"; message: string } };

async function countStoredReports(db: Db) {
  const [[r], [a], [d]] = await Promise.all([
    db.select({ n: count() }).from(reports).where(eq(reports.isCurrent, true)),
    db.select({ n: count() }).from(agencies),
    db.select({ n: count() }).from(sourceDocuments),
  ]);
  return { reports: r.n, agencies: a.n, documents: d.n };
}

/** Whether the database answers, with what it holds; a database that cannot be opened is reported, never thrown. */
export async function checkHealth(): Promise<Health> {
  try {
    const handle = await getDbHandle();
    return { status: "ok", database: handle.kind, ...(await countStoredReports(handle.db)) };
  } catch (error) {
    const message = error instanceof DatabaseUnavailableError ? error.message : "数据库不可用";
    return { status: "unavailable", error: { code: "DATABASE_UNAVAILABLE", message } };
  }
}
