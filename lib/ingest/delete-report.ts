import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reports } from "@/db/schema";
import { forgetDatasetVersion } from "@/lib/queries/dataset-cache";
import type { ParsedReport } from "@/lib/report/schema";
import { refreshRollups } from "@/lib/rollups/refresh-rollups";
import { bumpDatasetVersion } from "./bump-dataset-version";
import { rewriteValuesAndIssues } from "./rewrite-values-and-issues";

export type DeletedReport = {
  reportId: number;
  agencyId: number;
  agency: string;
  year: number;
  promotedId: number | null;
};

/**
 * Deletes one report version (its values and issues cascade; the original document stays). When it was the current
 * version, the newest remaining version of that agency-year becomes current again.
 */
export async function deleteReport(db: Db, reportId: number): Promise<DeletedReport | null> {
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: reports.id, agencyId: reports.agencyId, year: reports.year, isCurrent: reports.isCurrent })
      .from(reports)
      .where(eq(reports.id, reportId))
      .for("update");
    if (!row) return null;
    const [agency] = await tx
      .select({ id: agencies.id, name: agencies.name, kind: agencies.kind })
      .from(agencies)
      .where(eq(agencies.id, row.agencyId));
    await tx.delete(reports).where(eq(reports.id, reportId));
    let promotedId: number | null = null;
    if (row.isCurrent) {
      const [previous] = await tx
        .select({ id: reports.id, parsed: reports.parsed })
        .from(reports)
        .where(and(eq(reports.agencyId, row.agencyId), eq(reports.year, row.year)))
        .orderBy(desc(reports.createdAt), desc(reports.id))
        .limit(1);
      if (previous) {
        await tx.update(reports).set({ isCurrent: true, supersededAt: null }).where(eq(reports.id, previous.id));
        await rewriteValuesAndIssues(tx, previous.id, previous.parsed as ParsedReport, agency);
        promotedId = previous.id;
      }
    }
    await bumpDatasetVersion(tx);
    if (row.isCurrent) await refreshRollups(tx, [{ agencyId: row.agencyId, year: row.year }]);
    return { reportId, agencyId: row.agencyId, agency: agency.name, year: row.year, promotedId };
  });
  if (deleted) forgetDatasetVersion(db);
  return deleted;
}
