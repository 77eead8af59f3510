import "server-only";
import { and, desc, eq, gt, gte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { formatChinaTime } from "@/lib/china-time";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address.js";
import { type AuditAction, nameAuditAction } from "./audit-actions";
import { describeAuditEntry } from "./describe-audit-entry";

export { AUDIT_ACTION_NAMES, type AuditAction, nameAuditAction } from "./audit-actions";

export type AuditEntry = {
  actor: { id: string; email: string } | null;
  action: AuditAction;
  target?: string | null;
  filters?: unknown;
  rowCount?: number | null;
  ipAddress?: string | null;
};

/** The address scripts/serve.mjs decided (socket, or a trusted proxy's X-Forwarded-For); never a client's claim. */
export function clientIp(request: Request): string | null {
  return request.headers.get(CLIENT_ADDRESS_HEADER) || null;
}

/** PostgreSQL text and jsonb refuse U+0000: what a request carried is logged with it shown as U+FFFD. */
function withoutNul<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "\ufffd") as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actor?.id ?? null,
    actorEmail: withoutNul(entry.actor?.email ?? null),
    action: entry.action,
    target: withoutNul(entry.target ?? null),
    filters: withoutNul(entry.filters ?? null),
    rowCount: entry.rowCount ?? null,
    ipAddress: withoutNul(entry.ipAddress ?? null),
  });
}

const LOCK_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILED_SIGN_INS = 5;

/** Failed sign-ins of one account in the last 15 minutes since its last success; at the limit the account waits. */
export async function countRecentFailures(
  db: Db,
  email: string,
): Promise<{ failures: number; retryAfterSeconds: number }> {
  const since = new Date(Date.now() - LOCK_WINDOW_MS);
  const [lastOk] = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.action, "sign-in"), eq(auditLog.target, email), gte(auditLog.at, since)))
    .orderBy(desc(auditLog.at))
    .limit(1);
  const from = lastOk ? lastOk.at : since;
  const failures = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.action, "sign-in.failed"), eq(auditLog.target, email), gt(auditLog.at, from)))
    .orderBy(auditLog.at);
  const oldest = failures.at(-MAX_FAILED_SIGN_INS)?.at;
  const retryAfterSeconds = oldest
    ? Math.max(1, Math.ceil((oldest.getTime() + LOCK_WINDOW_MS - Date.now()) / 1000))
    : 0;
  return { failures: failures.length, retryAfterSeconds };
}

/** A spreadsheet must not run a cell as a formula: text starting with = + - @ gets a leading apostrophe. */
function csvCell(value: unknown): string {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The log as CSV: the summary in words for people, the stored target and filters (JSON) as they are for programs. */
export function toAuditCsv(rows: (typeof auditLog.$inferSelect)[]): string {
  const header = ["时间（北京时间）", "操作人", "操作", "对象", "筛选条件", "筛选条件（JSON）", "行数", "IP 地址"];
  const lines = [header.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push(
      [
        formatChinaTime(r.at),
        r.actorEmail,
        nameAuditAction(r.action),
        r.target,
        describeAuditEntry(r).summary,
        r.filters == null ? "" : JSON.stringify(r.filters),
        r.rowCount,
        r.ipAddress,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
