import "server-only";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditQuery = { action?: string; actor?: string; limit?: number; offset?: number };

export async function listAuditEntries(db: Db, query: AuditQuery = {}) {
  const where: SQL[] = [];
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.actor) where.push(eq(auditLog.actorEmail, query.actor));
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(auditLog)
    .where(condition)
    .orderBy(desc(auditLog.id))
    .limit(query.limit ?? 200)
    .offset(query.offset ?? 0);
  const [{ n }] = await db.select({ n: count() }).from(auditLog).where(condition);
  return { rows, total: n };
}

/** One page of the audit log for the audit page, newest first, with the total of the filter. */
export async function loadAuditEntries(query: AuditQuery) {
  return listAuditEntries(await getDb(), query);
}
