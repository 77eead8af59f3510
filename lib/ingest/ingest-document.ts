import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reportIssues, reports, reportValues, sourceDocuments } from "@/db/schema";
import { classifyAgencyKind, normaliseAgencyName } from "@/lib/regions";
import { ReportParseError } from "@/lib/report/errors";
import { parseReport } from "@/lib/report/parse-report";
import type { ParsedReport } from "@/lib/report/schema";
import { refreshRollups } from "@/lib/rollups/refresh-rollups";
import { seedRegions } from "@/lib/setup/seed-regions";
import { bumpDatasetVersion } from "./bump-dataset-version";
import { buildReportValuesRow } from "./cell-values";
import { computeDeadline } from "./deadline";
import { applyMetadata, type DocumentMetadata } from "./metadata";

export const PARSER_VERSION = "1";
/** Generous against a busy machine; the parser's own default (2 s) is its performance target, not a limit. */
const PARSE_TIMEOUT_MS = Number(process.env.OGI_PARSE_TIMEOUT_MS ?? 20_000);

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

/** Parses bytes into a report, or a Chinese rejection reason; never throws. */
export async function parseForIngest(
  input: Pick<IngestInput, "bytes" | "fileName" | "mediaType" | "metadata">,
): Promise<ParsedReport | { code: string; reason: string }> {
  try {
    const parsed = await parseReport(input.bytes, {
      fileName: input.fileName,
      mediaType: input.mediaType,
      timeoutMs: PARSE_TIMEOUT_MS,
    });
    const report = input.metadata ? applyMetadata(parsed, input.metadata) : parsed;
    if (!report.agency || !report.year) {
      return {
        code: "UNIDENTIFIED_REPORT",
        reason: "无法识别报告的机关名称或年度，请在 manifest.csv 中补充机关和年度。",
      };
    }
    return report;
  } catch (error: unknown) {
    if (error instanceof ReportParseError) return { code: error.code, reason: error.message };
    return {
      code: "PARSER_FAILURE",
      reason: `解析器内部错误：${error instanceof Error ? error.message : String(error)}`,
    };
  }
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

async function upsertAgency(tx: Tx, report: ParsedReport): Promise<{ id: number; kind: string }> {
  const name = report.agency!;
  const regionCode = report.region?.code ?? null;
  const kind = report.agencyKind ?? classifyAgencyKind(name);
  // "do update" (a no-op on the identity) so that the existing row is returned in the same round trip.
  const [agency] = await tx
    .insert(agencies)
    .values({ name, normalizedName: normaliseAgencyName(name), regionCode, kind })
    .onConflictDoUpdate({
      target: [agencies.normalizedName, agencies.regionCode],
      set: { normalizedName: sql`excluded.normalized_name` },
    })
    .returning({ id: agencies.id, kind: agencies.kind });
  return agency;
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
    const documentId = await storeDocument(tx as unknown as Tx, input, digest, {
      status: "parsed",
      encoding: report.source?.encoding ?? null,
      errorCode: null,
      errorMessage: null,
      lastParsedAt: new Date(),
    });
    const agency = await upsertAgency(tx as unknown as Tx, report);
    const year = report.year!;
    const versions = await tx
      .select({ id: reports.id, sourceDocumentId: reports.sourceDocumentId, isCurrent: reports.isCurrent })
      .from(reports)
      .where(and(eq(reports.agencyId, agency.id), eq(reports.year, year)))
      .for("update");
    const current = versions.find((v) => v.isCurrent);
    const base = { agencyId: agency.id, agency: report.agency!, year, issueCount: report.issues.length };
    // The same bytes as any version already held (a re-run of an old batch) change nothing.
    const known = versions.find((v) => v.sourceDocumentId === documentId);
    if (known) return { status: "unchanged", reportId: known.id, ...base };
    if (current) {
      await tx.update(reports).set({ isCurrent: false, supersededAt: new Date() }).where(eq(reports.id, current.id));
      await tx.delete(reportValues).where(eq(reportValues.reportId, current.id));
    }
    const reportId = await insertReportVersion(tx as unknown as Tx, report, agency, documentId);
    await bumpDatasetVersion(tx as unknown as Tx);
    await refreshRollups(tx as unknown as Tx, [{ agencyId: agency.id, year: report.year! }]);
    return { status: current ? "updated" : "new", reportId, ...base };
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
  parsed: ParsedReport | { code: string; reason: string };
  /** Documents with the same key must be stored in batch order (same agency-year, or same bytes). */
  orderKey: string;
};

/** The CPU half of an ingest: hash and parse, no database. */
export async function prepareDocument(input: IngestInput): Promise<PreparedDocument> {
  const digest = hashBytes(input.bytes);
  const parsed = await parseForIngest(input);
  const orderKey =
    "issues" in parsed
      ? `${normaliseAgencyName(parsed.agency!)}|${parsed.region?.code ?? ""}|${parsed.year}`
      : `sha:${digest}`;
  return { input, digest, parsed, orderKey };
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
