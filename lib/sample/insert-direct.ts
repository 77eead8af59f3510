import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reports, sourceDocuments } from "@/db/schema";
import { bumpDatasetVersion } from "@/lib/ingest/bump-dataset-version";
import { hashBytes } from "@/lib/ingest/hash-bytes";
import { PARSER_VERSION } from "@/lib/ingest/parser-version";
import { insertReportValuesSql } from "@/lib/ingest/report-rows-sql";
import { buildReportValuesRow } from "@/lib/ingest/report-values-row";
import { classifyAgencyKind, normaliseAgencyName } from "@/lib/report/agency-name";
import { computeDeadline } from "@/lib/report/publication-deadline";
import { refreshRollups } from "@/lib/rollups/refresh-rollups";
import type { GeneratedReport } from "@/lib/sample/generate";

/**
 * Benchmark datasets: writes ground-truth reports straight into the tables in multi-row batches, skipping rendering
 * and parsing. The stored "document" is the report's canonical JSON so every row still has its source.
 */
export async function insertReportsDirect(db: Db, batch: GeneratedReport[]): Promise<void> {
  if (batch.length === 0) return;
  await db.transaction(async (tx) => {
    const agencyRows = [
      ...new Map(batch.map((r) => [`${normaliseAgencyName(r.agency)}|${r.region.code}`, r])).values(),
    ].map((r) => ({
      name: r.agency,
      normalizedName: normaliseAgencyName(r.agency),
      regionCode: r.region.code,
      kind: classifyAgencyKind(r.agency),
    }));
    await tx.insert(agencies).values(agencyRows).onConflictDoNothing();
    const ids = await tx
      .select({
        id: agencies.id,
        key: sql<string>`${agencies.normalizedName} || '|' || coalesce(${agencies.regionCode}, '')`,
      })
      .from(agencies)
      .where(sql`${agencies.normalizedName} in ${agencyRows.map((a) => a.normalizedName)}`);
    const agencyId = new Map(ids.map((r) => [r.key, r.id]));
    const docs = batch.map((r) => {
      const bytes = new TextEncoder().encode(JSON.stringify(r));
      return {
        sha256: hashBytes(bytes),
        content: bytes,
        byteSize: bytes.byteLength,
        fileName: `${r.agency}-${r.year}.json`,
        mediaType: "application/json",
        status: "parsed",
      };
    });
    const docIds = await tx
      .insert(sourceDocuments)
      .values(docs)
      .onConflictDoUpdate({ target: sourceDocuments.sha256, set: { lastParsedAt: new Date() } })
      .returning({ id: sourceDocuments.id, sha256: sourceDocuments.sha256 });
    const docId = new Map(docIds.map((d) => [d.sha256, d.id]));
    const reportRows = batch.map((r, i) => {
      const kind = classifyAgencyKind(r.agency);
      return {
        agencyId: agencyId.get(`${normaliseAgencyName(r.agency)}|${r.region.code}`)!,
        year: r.year,
        layout: r.format,
        publishedAt: r.publishedAt,
        deadline: computeDeadline(r.year, kind),
        sourceDocumentId: docId.get(docs[i].sha256)!,
        parsed: r,
        parserVersion: `${PARSER_VERSION}-direct`,
        issueCount: 0,
        errorCount: 0,
        checksPassed: true,
      };
    });
    const inserted = await tx
      .insert(reports)
      .values(reportRows)
      .onConflictDoNothing()
      .returning({ id: reports.id, agencyId: reports.agencyId, year: reports.year });
    const byKey = new Map(batch.map((r, i) => [`${reportRows[i].agencyId}|${r.year}`, r]));
    const values = inserted.map((row) => {
      const r = byKey.get(`${row.agencyId}|${row.year}`)!;
      return buildReportValuesRow(row.id, { id: row.agencyId, kind: classifyAgencyKind(r.agency) }, r);
    });
    if (values.length > 0) await tx.execute(insertReportValuesSql(values));
    await bumpDatasetVersion(tx);
    await refreshRollups(
      tx,
      inserted.map((row) => ({ agencyId: row.agencyId, year: row.year })),
    );
  });
}
