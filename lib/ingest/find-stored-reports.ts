import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { selectRows } from "@/lib/db/rows";
import { findRegionByCode } from "@/lib/regions";
import type { IngestOutcome } from "./ingest-types";
import { type DocumentMetadata, type MetadataOverrides, readGivenMetadata } from "./metadata";
import { PARSER_VERSION } from "./parser-version";

/** A report already made from some stored bytes, with the metadata it was given (see `metadataKey`). */
export type StoredReport = {
  reportId: number;
  agencyId: number;
  agency: string;
  year: number;
  issueCount: number;
  metadata: string;
};

/** The metadata that decides a parse beyond the bytes, as one comparable string. */
function metadataKey(m: DocumentMetadata): string {
  const region = typeof m.regionCode === "string" ? (findRegionByCode(m.regionCode)?.code ?? null) : null;
  return JSON.stringify([m.agency || null, m.year || null, m.publishedAt || null, region]);
}

/** Reports parsed by this parser version from any of these bytes, by sha256, in one query. */
export async function findStoredReports(db: Db, digests: string[]): Promise<Map<string, StoredReport[]>> {
  const found = new Map<string, StoredReport[]>();
  if (digests.length === 0) return found;
  const rows = await selectRows<{
    sha256: string;
    report_id: number;
    agency_id: number;
    agency: string;
    year: number;
    issue_count: number;
    overrides: string | null;
  }>(
    db,
    sql`select d.sha256, r.id as report_id, r.agency_id, r.parsed->>'agency' as agency, r.year::int as year,
          r.issue_count, (r.parsed->'metadataOverrides')::text as overrides
        from source_documents d join reports r on r.source_document_id = d.id
        where d.sha256 = any(string_to_array(${digests.join(",")}, ',')) and d.status = 'parsed'
          and r.parser_version = ${PARSER_VERSION}`,
  );
  for (const row of rows) {
    const given = readGivenMetadata(row.overrides ? (JSON.parse(row.overrides) as MetadataOverrides) : null) ?? {};
    const list = found.get(row.sha256) ?? [];
    list.push({
      reportId: row.report_id,
      agencyId: row.agency_id,
      agency: row.agency,
      year: row.year,
      issueCount: row.issue_count,
      metadata: metadataKey(given),
    });
    found.set(row.sha256, list);
  }
  return found;
}

/**
 * The outcome of bytes already stored with the same metadata: parsing them again would give the same report, which
 * is already one of its agency-year's versions, so the store would change nothing ("unchanged"). Null otherwise.
 */
export function findUnchangedOutcome(
  stored: StoredReport[] | undefined,
  metadata?: DocumentMetadata,
): IngestOutcome | null {
  const key = metadataKey(metadata ?? {});
  const match = stored?.find((s) => s.metadata === key);
  if (!match) return null;
  const { metadata: _, ...report } = match;
  return { status: "unchanged", ...report };
}
