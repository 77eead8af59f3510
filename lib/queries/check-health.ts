import "server-only";
import { count, eq, sql } from "drizzle-orm";
import { type Db, type DbKind, getDbHandle } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/errors";
import { agencies, reports, sourceDocuments } from "@/db/schema";
import { readSessionUser } from "@/lib/auth/session";

export type Health =
  | { status: "ok"; database: DbKind; reports: number; agencies: number; documents: number }
  | { status: "ok" }
  | { status: "unavailable"; error: { code: "DATABASE_UNAVAILABLE"; message: string } };

async function countStoredReports(db: Db) {
  const [[r], [a], [d]] = await Promise.all([
    db.select({ n: count() }).from(reports).where(eq(reports.isCurrent, true)),
    db.select({ n: count() }).from(agencies),
    db.select({ n: count() }).from(sourceDocuments),
  ]);
  return { reports: r.n, agencies: a.n, documents: d.n };
}

/**
 * Whether the database answers; what it holds only for a signed-in caller (the counts are not public). A database
 * that cannot be opened is reported, never thrown.
 */
export async function checkHealth(requestHeaders?: Headers): Promise<Health> {
  try {
    const handle = await getDbHandle();
    const user = requestHeaders ? await readSessionUser(handle.db, requestHeaders) : null;
    if (!user) {
      await handle.db.execute(sql`select 1`);
      return { status: "ok" };
    }
    return { status: "ok", database: handle.kind, ...(await countStoredReports(handle.db)) };
  } catch (error) {
    const message = error instanceof DatabaseUnavailableError ? error.message : "数据库不可用";
    return { status: "unavailable", error: { code: "DATABASE_UNAVAILABLE", message } };
  }
}
