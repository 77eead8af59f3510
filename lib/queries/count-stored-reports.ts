import "server-only";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reports, sourceDocuments } from "@/db/schema";

export async function countStoredReports(db: Db) {
  const [[r], [a], [d]] = await Promise.all([
    db.select({ n: count() }).from(reports).where(eq(reports.isCurrent, true)),
    db.select({ n: count() }).from(agencies),
    db.select({ n: count() }).from(sourceDocuments),
  ]);
  return { reports: r.n, agencies: a.n, documents: d.n };
}
