import "server-only";
import { sql } from "drizzle-orm";
import { byteaValue } from "@/db/bytea";
import type { Db } from "@/db/client";
import { classifyAgencyKind, normaliseAgencyName } from "@/lib/report/agency-name";
import { computeDeadline } from "@/lib/report/publication-deadline";
import type { AgencyKind, ParsedReport } from "@/lib/report/schema";
import { markRollupsPending } from "@/lib/rollups/pending-rollups";
import { bumpDatasetVersion } from "./bump-dataset-version";
import type { IngestInput, IngestOutcome, StoredAgency } from "./ingest-types";
import { PARSER_VERSION } from "./parser-version";
import { insertReportIssuesSql, insertReportValuesSql } from "./report-rows-sql";
import { buildReportValuesRow } from "./report-values-row";
import { selectPreparedRows } from "./select-prepared-rows";
import { summarizeIssues } from "./summarize-issues";

/**
 * Keeps the original bytes and upserts the agency in one round trip. The agency upsert ("do update", a no-op on the
 * identity) returns an existing row and locks it until commit, so stores for one agency queue up behind each other.
 */
async function upsertDocumentAndAgency(
  tx: Db,
  input: IngestInput,
  digest: string,
  report: ParsedReport,
): Promise<{ documentId: number; agency: StoredAgency }> {
  const name = report.agency!;
  const kind = report.agencyKind ?? classifyAgencyKind(name);
  const [row] = await selectPreparedRows<{ document_id: number; agency_id: number; kind: string }>(
    tx,
    "ingest_upsert_document",
    sql`with doc as (
          insert into source_documents (sha256, content, byte_size, file_name, media_type, encoding, status, last_parsed_at)
          values (${digest}, ${byteaValue(input.bytes)}, ${input.bytes.byteLength}, ${input.fileName ?? null},
            ${input.mediaType ?? null}, ${report.source?.encoding ?? null}, 'parsed', now())
          on conflict (sha256) do update set status = 'parsed', encoding = excluded.encoding, error_code = null,
            error_message = null, last_parsed_at = now()
          returning id
        ), agency as (
          insert into agencies (name, normalized_name, region_code, kind)
          values (${name}, ${normaliseAgencyName(name)}, ${report.region?.code ?? null}, ${kind})
          on conflict (normalized_name, region_code) do update set normalized_name = excluded.normalized_name
          returning id, kind
        )
        select doc.id as document_id, agency.id as agency_id, agency.kind from doc, agency`,
  );
  return { documentId: row.document_id, agency: { id: row.agency_id, kind: row.kind } };
}

type WrittenVersion = { known_id: number | null; report_id: number | null; demoted: number };

/**
 * Makes the report the current version of its agency-year in one statement: locks the versions, returns the one
 * holding the same bytes if any (then writes nothing), else demotes the current one and inserts the report, its cell
 * values and issues. `(select count(*) from demoted)` makes the insert wait for the demotion (one current per
 * agency-year is a unique index).
 */
async function writeVersion(
  tx: Db,
  report: ParsedReport,
  agency: StoredAgency,
  documentId: number,
): Promise<WrittenVersion> {
  const year = report.year!;
  const summary = summarizeIssues(report.issues);
  const [row] = await selectPreparedRows<WrittenVersion>(
    tx,
    "ingest_write_version",
    sql`with versions as (
          select id, source_document_id, is_current from reports
          where agency_id = ${agency.id} and year = ${year} for update
        ), known as (
          select id from versions where source_document_id = ${documentId}
        ), demoted as (
          update reports set is_current = false, superseded_at = now()
          where id in (select id from versions where is_current) and not exists (select 1 from known)
          returning id
        ), cleared as (
          delete from report_values where report_id in (select id from demoted)
        ), inserted as (
          insert into reports (agency_id, year, layout, published_at, deadline, source_document_id, parsed,
            parser_version, issue_count, error_count, checks_passed)
          select ${agency.id}, ${year}, ${report.format ?? null}, ${report.publishedAt ?? null}::date,
            ${computeDeadline(year, agency.kind as AgencyKind)}::date, ${documentId},
            ${JSON.stringify(report)}::jsonb, ${PARSER_VERSION}, ${summary.issueCount}, ${summary.errorCount},
            ${summary.checksPassed}
          where not exists (select 1 from known) and (select count(*) from demoted) >= 0
          returning id
        ), cell_values as (
          ${insertReportValuesSql([buildReportValuesRow(0, agency, report)], "inserted")}
        ), issues as (
          ${insertReportIssuesSql({ idFromCte: "inserted" }, report.issues)}
        )
        select (select id from known) as known_id, (select id from inserted) as report_id,
          (select count(*) from demoted)::int as demoted`,
  );
  return row;
}

/** Stores a parsed report and its document in one transaction; the same bytes as a version held change nothing. */
export async function storeParsedReport(
  db: Db,
  input: IngestInput,
  digest: string,
  report: ParsedReport,
): Promise<IngestOutcome> {
  return db.transaction(async (tx) => {
    const { documentId, agency } = await upsertDocumentAndAgency(tx, input, digest, report);
    const written = await writeVersion(tx, report, agency, documentId);
    const ocrPages = report.source?.ocr?.pages.length;
    const base = {
      agencyId: agency.id,
      agency: report.agency!,
      year: report.year!,
      issueCount: report.issues.length,
      ...(ocrPages ? { ocrPages } : {}),
    };
    if (written.known_id !== null) return { status: "unchanged", reportId: written.known_id, ...base };
    await bumpDatasetVersion(tx);
    await markRollupsPending(tx, [{ agencyId: agency.id, year: report.year! }]);
    return { status: written.demoted > 0 ? "updated" : "new", reportId: written.report_id!, ...base };
  });
}
