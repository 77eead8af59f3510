import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reports, reportValues, sourceDocuments } from "@/db/schema";
import type { ParsedReport } from "@/lib/report/schema";
import { refreshRollups } from "@/lib/rollups/refresh-rollups";
import { bumpDatasetVersion } from "./bump-dataset-version";
import { ingestDocument } from "./ingest-document";
import { type MetadataOverrides, readGivenMetadata } from "./metadata";
import { parseForIngest } from "./parse-pool-task";
import { PARSER_VERSION } from "./parser-version";
import { rewriteValuesAndIssues } from "./rewrite-values-and-issues";
import { summarizeIssues } from "./summarize-issues";

export type ReparseOutcome =
  | { status: "same" | "changed" | "recovered" | "moved"; documentId: number; file: string; changes?: string[] }
  | { status: "rejected"; documentId: number; file: string; reason: string };

function describeChanges(before: ParsedReport, after: ParsedReport): string[] {
  const changes: string[] = [];
  const flat = (r: ParsedReport) => {
    const out = new Map<string, unknown>();
    const walk = (node: unknown, prefix: string) => {
      if (node && typeof node === "object" && !Array.isArray(node)) {
        for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
      } else out.set(prefix, node);
    };
    walk(
      {
        active: r.active,
        applications: r.applications,
        review: r.review,
        litigationDirect: r.litigationDirect,
        litigationAfterReview: r.litigationAfterReview,
      },
      "",
    );
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) !== b.get(key)) changes.push(`${key}: ${a.get(key) ?? "缺"} → ${b.get(key) ?? "缺"}`);
  }
  const codes = (r: ParsedReport) =>
    r.issues
      .map((i) => `${i.code}:${i.cells.join(",")}`)
      .sort()
      .join("|");
  if (codes(before) !== codes(after)) changes.push(`问题：${before.issues.length} 条 → ${after.issues.length} 条`);
  for (const key of ["agency", "year", "format", "publishedAt"] as const) {
    if ((before[key] ?? null) !== (after[key] ?? null))
      changes.push(`${key}: ${before[key] ?? "缺"} → ${after[key] ?? "缺"}`);
  }
  return changes;
}

/** Re-runs the current parser over one stored original and brings its report up to date. */
export async function reparseDocument(db: Db, documentId: number): Promise<ReparseOutcome> {
  const [doc] = await db.select().from(sourceDocuments).where(eq(sourceDocuments.id, documentId));
  const file = doc.fileName ?? `文档 #${doc.id}`;
  const input = {
    bytes: new Uint8Array(doc.content),
    fileName: doc.fileName ?? undefined,
    mediaType: doc.mediaType ?? undefined,
  };
  const [existing] = await db
    .select({
      id: reports.id,
      parsed: reports.parsed,
      isCurrent: reports.isCurrent,
      agencyId: reports.agencyId,
      kind: agencies.kind,
    })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(eq(reports.sourceDocumentId, doc.id))
    .orderBy(reports.id);
  const before = existing?.parsed as ParsedReport | undefined;
  const given = readGivenMetadata((before as { metadataOverrides?: MetadataOverrides } | undefined)?.metadataOverrides);
  const parsed = await parseForIngest({ ...input, metadata: given });
  if (!("issues" in parsed)) {
    // Stored reports stay as they are: a parser that can no longer read a document must not erase its data.
    return { status: "rejected", documentId, file, reason: parsed.reason };
  }
  if (!existing || !before) {
    const outcome = await ingestDocument(db, input);
    return outcome.status === "rejected"
      ? { status: "rejected", documentId, file, reason: outcome.reason }
      : { status: "recovered", documentId, file };
  }
  const changes = describeChanges(before, parsed);
  if (changes.length === 0) return { status: "same", documentId, file };
  if (before.agency !== parsed.agency || before.year !== parsed.year || before.region?.code !== parsed.region?.code) {
    await db.transaction(async (tx) => {
      await tx.update(reports).set({ isCurrent: false, supersededAt: new Date() }).where(eq(reports.id, existing.id));
      await tx.delete(reportValues).where(eq(reportValues.reportId, existing.id));
      await bumpDatasetVersion(tx);
      if (existing.isCurrent) {
        await refreshRollups(tx, [{ agencyId: existing.agencyId, year: before.year! }]);
      }
    });
    await ingestDocument(db, input);
    return { status: "moved", documentId, file, changes };
  }
  await db.transaction(async (tx) => {
    await tx
      .update(reports)
      .set({
        parsed,
        parserVersion: PARSER_VERSION,
        layout: parsed.format,
        publishedAt: parsed.publishedAt ?? null,
        ...summarizeIssues(parsed.issues),
      })
      .where(eq(reports.id, existing.id));
    if (existing.isCurrent) {
      await rewriteValuesAndIssues(tx, existing.id, parsed, {
        id: existing.agencyId,
        kind: existing.kind,
      });
    }
    // Dates and issue counts change the quality figures and cells the sums: caches and rollups follow.
    await bumpDatasetVersion(tx);
    if (existing.isCurrent) await refreshRollups(tx, [{ agencyId: existing.agencyId, year: parsed.year! }]);
  });
  return { status: "changed", documentId, file, changes };
}

export async function listDocumentIds(db: Db): Promise<number[]> {
  const rows = await db.select({ id: sourceDocuments.id }).from(sourceDocuments).orderBy(sourceDocuments.id);
  return rows.map((r) => r.id);
}
