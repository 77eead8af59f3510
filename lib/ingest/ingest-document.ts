import "server-only";
import { createHash } from "node:crypto";
import { eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportIssues, reports, reportValues, sourceDocuments } from "@/db/schema";
import { selectRows } from "@/lib/db/rows";
import { classifyAgencyKind, findRegionByCode, normaliseAgencyName } from "@/lib/regions";
import type { ParsedReport } from "@/lib/report/schema";
import { markRollupsPending } from "@/lib/rollups/pending-rollups";
import { seedRegions } from "@/lib/setup/seed-regions";
import { bumpDatasetVersion } from "./bump-dataset-version";
import { buildReportValuesRow } from "./cell-values";
import { computeDeadline } from "./deadline";
import type { DocumentMetadata } from "./metadata";
import { type ParseRejection, parseForIngest } from "./parse-pool-task";

export { parseForIngest };
export const PARSER_VERSION = "1";

export type IngestInput = { bytes: Uint8Array; fileName?: string; mediaType?: string; metadata?: DocumentMetadata };
export type IngestOutcome =
  | {
      status: "new" | "updated" | "unchanged";
      reportId: number;
      agencyId: number;
      agency: string;
      year: number;
      issueCount: number;
    }
  | { status: "rejected"; code: string; reason: string };

type Tx = Db;
const ARITHMETIC_CODES = /MISMATCH|SUM_|_SUM|TOTAL|IDENTITY|BALANCE/;

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function storeDocument(
  tx: Tx,
  input: IngestInput,
  digest: string,
  fields: Partial<typeof sourceDocuments.$inferInsert>,
): Promise<number> {
  const [row] = await tx
    .insert(sourceDocuments)
    .values({
      sha256: digest,
      content: input.bytes,
      byteSize: input.bytes.byteLength,
      fileName: input.fileName ?? null,
      mediaType: input.mediaType ?? null,
      status: "rejected",
      ...fields,
    })
    .onConflictDoUpdate({ target: sourceDocuments.sha256, set: { ...fields, lastParsedAt: new Date() } })
    .returning({ id: sourceDocuments.id });
  return row.id;
}

/**
 * Keeps the original bytes and upserts the agency in one round trip. The agency upsert ("do update", a no-op on the
 * identity) returns an existing row and locks it until commit, so stores for one agency queue up behind each other.
 */
async function upsertDocumentAndAgency(
  tx: Tx,
  input: IngestInput,
  digest: string,
  report: ParsedReport,
): Promise<{ documentId: number; agency: { id: number; kind: string } }> {
  const name = report.agency!;
  const kind = report.agencyKind ?? classifyAgencyKind(name);
  const [row] = await preparedRows<{ document_id: number; agency_id: number; kind: string }>(
    tx,
    "ingest_upsert_document",
    sql`with doc as (
          insert into source_documents (sha256, content, byte_size, file_name, media_type, encoding, status, last_parsed_at)
          values (${digest}, ${input.bytes}, ${input.bytes.byteLength}, ${input.fileName ?? null},
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

type DrizzleInternals = {
  session: {
    prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: false): { execute(): Promise<unknown> };
  };
  dialect: { sqlToQuery(query: SQL): unknown };
};

/**
 * `selectRows` as a named prepared statement (postgres.js prepares it once per connection; PGlite ignores the name):
 * planning the two big ingest statements cost more server time than running them. Drizzle's `execute` never
 * prepares, hence its internals; a client opened with `prepare: false` (PgBouncer) still gets unnamed statements.
 */
async function preparedRows<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as DrizzleInternals;
  const result = await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

const valueColumnNames = Object.fromEntries(
  Object.entries(getTableColumns(reportValues)).map(([key, column]) => [key, column.name]),
);

/**
 * The `insert into report_values` of a report inserted by the same statement (`inserted`): the row goes as one JSON
 * parameter through `jsonb_populate_record`, naming only the columns the row builder fills (the rest keep their
 * defaults), so the statement text is the same for every document.
 */
function insertValuesSql(report: ParsedReport, agency: { id: number; kind: string }): SQL {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(buildReportValuesRow(0, agency, report))) {
    if (key !== "reportId") row[valueColumnNames[key] ?? key] = value;
  }
  const names = Object.keys(row);
  const columns = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  const values = sql.join(
    names.map((n) => sql`v.${sql.identifier(n)}`),
    sql`, `,
  );
  return sql`insert into report_values (report_id, ${columns})
    select inserted.id, ${values} from inserted, jsonb_populate_record(null::report_values, ${JSON.stringify(row)}::jsonb) v`;
}

/**
 * Makes the report the current version of its agency-year in one statement: locks the versions, returns the one
 * holding the same bytes if any (then writes nothing), else demotes the current one and inserts the report, its cell
 * values and issues. `(select count(*) from demoted)` makes the insert wait for the demotion (one current per
 * agency-year is a unique index).
 */
async function writeVersion(
  tx: Tx,
  report: ParsedReport,
  agency: { id: number; kind: string },
  documentId: number,
): Promise<{ known_id: number | null; report_id: number | null; demoted: number }> {
  const year = report.year!;
  const issues = report.issues.map((i) => ({
    code: i.code,
    severity: i.severity,
    message: i.message,
    cells: i.cells ?? [],
  }));
  const [row] = await preparedRows<{ known_id: number | null; report_id: number | null; demoted: number }>(
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
            ${computeDeadline(year, agency.kind as ReturnType<typeof classifyAgencyKind>)}::date, ${documentId},
            ${JSON.stringify(report)}::jsonb, ${PARSER_VERSION}, ${report.issues.length},
            ${report.issues.filter((i) => i.severity === "error").length},
            ${!report.issues.some((i) => ARITHMETIC_CODES.test(i.code))}
          where not exists (select 1 from known) and (select count(*) from demoted) >= 0
          returning id
        ), cell_values as (
          ${insertValuesSql(report, agency)}
        ), issues as (
          insert into report_issues (report_id, code, severity, message, cells)
          select inserted.id, i.code, i.severity, i.message, i.cells
          from inserted, jsonb_to_recordset(${JSON.stringify(issues)}::jsonb)
            as i(code text, severity text, message text, cells text[])
        )
        select (select id from known) as known_id, (select id from inserted) as report_id,
          (select count(*) from demoted)::int as demoted`,
  );
  return row;
}

/** Writes a parsed report's row, cell values and issues; the caller has made room for it as the current one. */
export async function insertReportVersion(
  tx: Tx,
  report: ParsedReport,
  agency: { id: number; kind: string },
  documentId: number,
): Promise<number> {
  const year = report.year!;
  const kind = agency.kind as ReturnType<typeof classifyAgencyKind>;
  const [row] = await tx
    .insert(reports)
    .values({
      agencyId: agency.id,
      year,
      layout: report.format,
      publishedAt: report.publishedAt ?? null,
      deadline: computeDeadline(year, kind),
      sourceDocumentId: documentId,
      parsed: report,
      parserVersion: PARSER_VERSION,
      issueCount: report.issues.length,
      errorCount: report.issues.filter((i) => i.severity === "error").length,
      checksPassed: !report.issues.some((i) => ARITHMETIC_CODES.test(i.code)),
    })
    .returning({ id: reports.id });
  await writeReportDetails(tx, row.id, report, agency, { fresh: true });
  return row.id;
}

/** (Re)writes the typed cell values and issues of one current report. */
export async function writeReportDetails(
  tx: Tx,
  reportId: number,
  report: ParsedReport,
  agency: { id: number; kind: string },
  options: { fresh?: boolean } = {},
): Promise<void> {
  if (!options.fresh) {
    await tx.delete(reportValues).where(eq(reportValues.reportId, reportId));
    await tx.delete(reportIssues).where(eq(reportIssues.reportId, reportId));
  }
  await tx.insert(reportValues).values(buildReportValuesRow(reportId, agency, report));
  if (report.issues.length > 0) {
    await tx.insert(reportIssues).values(
      report.issues.map((issue) => ({
        reportId,
        code: issue.code,
        severity: issue.severity,
        message: issue.message,
        cells: issue.cells ?? [],
      })),
    );
  }
}

async function storeParsed(db: Db, input: IngestInput, digest: string, report: ParsedReport): Promise<IngestOutcome> {
  return db.transaction(async (tx) => {
    const { documentId, agency } = await upsertDocumentAndAgency(tx, input, digest, report);
    const written = await writeVersion(tx, report, agency, documentId);
    const base = { agencyId: agency.id, agency: report.agency!, year: report.year!, issueCount: report.issues.length };
    // The same bytes as any version already held (a re-run of an old batch) change nothing.
    if (written.known_id !== null) return { status: "unchanged", reportId: written.known_id, ...base };
    const reportId = written.report_id!;
    await bumpDatasetVersion(tx);
    await markRollupsPending(tx, [{ agencyId: agency.id, year: report.year! }]);
    return { status: written.demoted > 0 ? "updated" : "new", reportId, ...base };
  });
}

function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

const isRaceLost = (state: string | undefined) => state === "23505" || state === "40P01" || state === "40001";
/** Data exceptions (22xxx) and constraint violations (23xxx) belong to the document; anything else is fatal. */
const isDocumentFault = (state: string | undefined) => !!state && (state.startsWith("22") || state.startsWith("23"));

export type PreparedDocument = {
  input: IngestInput;
  digest: string;
  parsed: ParsedReport | ParseRejection;
  /** Documents with the same key must be stored in batch order (same agency-year, or same bytes). */
  orderKey: string;
};

/** A document with its parse result (from a parse-pool worker or in-process) and its ordering key. */
export function toPrepared(
  input: IngestInput,
  digest: string,
  parsed: ParsedReport | ParseRejection,
): PreparedDocument {
  const orderKey =
    "issues" in parsed
      ? `${normaliseAgencyName(parsed.agency!)}|${parsed.region?.code ?? ""}|${parsed.year}`
      : `sha:${digest}`;
  return { input, digest, parsed, orderKey };
}

/** The CPU half of an ingest: hash and parse, no database. */
export async function prepareDocument(input: IngestInput): Promise<PreparedDocument> {
  return toPrepared(input, hashBytes(input.bytes), await parseForIngest(input));
}

/** A report already made from some stored bytes, with the metadata it was given (see `metadataKey`). */
export type StoredReport = {
  reportId: number;
  agencyId: number;
  agency: string;
  year: number;
  issueCount: number;
  metadata: string;
};

/** The metadata that decides a parse beyond the bytes, in the form `applyMetadata` records it. */
function metadataKey(m: { agency?: unknown; year?: unknown; publishedAt?: unknown; regionCode?: unknown }): string {
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
    const overrides = row.overrides ? (JSON.parse(row.overrides) as Record<string, { given?: unknown }>) : {};
    const given = Object.fromEntries(Object.entries(overrides).map(([field, o]) => [field, o?.given]));
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
 * is already one of its agency-year's versions, so the store would change nothing ("unchanged").
 */
export function unchangedOutcome(
  stored: StoredReport[] | undefined,
  metadata?: DocumentMetadata,
): IngestOutcome | null {
  const key = metadataKey(metadata ?? {});
  const match = stored?.find((s) => s.metadata === key);
  if (!match) return null;
  const { metadata: _, ...report } = match;
  return { status: "unchanged", ...report };
}

/** The database half: one transaction per document; the original bytes are kept even when parsing failed. */
export async function storePreparedDocument(db: Db, prepared: PreparedDocument): Promise<IngestOutcome> {
  const { input, digest, parsed } = prepared;
  await seedRegions(db);
  if (!("issues" in parsed)) {
    await storeDocument(db, input, digest, {
      status: "rejected",
      errorCode: parsed.code,
      errorMessage: parsed.reason,
      lastParsedAt: new Date(),
    });
    return { status: "rejected", code: parsed.code, reason: parsed.reason };
  }
  // A concurrent ingest of the same document or agency-year loses the race on a unique index: run it again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeParsed(db, input, digest, parsed);
    } catch (error) {
      const state = sqlState(error);
      if (attempt < 4 && isRaceLost(state)) continue;
      if (!isDocumentFault(state)) throw error;
      const reason = `报告内容无法写入数据库（${state}）：${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`;
      await storeDocument(db, input, digest, {
        status: "rejected",
        errorCode: "STORE_FAILED",
        errorMessage: reason,
        lastParsedAt: new Date(),
      });
      return { status: "rejected", code: "STORE_FAILED", reason };
    }
  }
}

/**
 * Parses one document and stores it with its report in one transaction. The original bytes are kept even when
 * parsing fails; the same bytes again are "unchanged"; new bytes for an agency-year already held become current.
 */
export async function ingestDocument(db: Db, input: IngestInput): Promise<IngestOutcome> {
  return storePreparedDocument(db, await prepareDocument(input));
}
