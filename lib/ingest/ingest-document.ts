import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reportIssues, reports, reportValues, sourceDocuments } from "@/db/schema";
import { classifyAgencyKind, findRegionByCode, normaliseAgencyName } from "@/lib/regions";
import { ReportParseError } from "@/lib/report/errors";
import { parseReport } from "@/lib/report/parse-report";
import type { ParsedReport } from "@/lib/report/schema";
import { collectCellValues } from "./cell-values";
import { computeDeadline } from "./deadline";

export const PARSER_VERSION = "1";

export type IngestInput = { bytes: Uint8Array; fileName?: string; mediaType?: string };
export type IngestOutcome =
  | { status: "new" | "updated" | "unchanged"; reportId: number; agency: string; year: number; issueCount: number }
  | { status: "rejected"; code: string; reason: string };

const ARITHMETIC_CODES = /MISMATCH|SUM|TOTAL|IDENTITY|BALANCE/;

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function regionLevels(code: string | null) {
  const levels = { provinceCode: null as string | null, prefectureCode: null as string | null, countyCode: null as string | null };
  let region = code ? findRegionByCode(code) : undefined;
  while (region) {
    if (region.level === 1) levels.provinceCode = region.code;
    else if (region.level === 2) levels.prefectureCode = region.code;
    else levels.countyCode = region.code;
    region = region.parentCode ? findRegionByCode(region.parentCode) : undefined;
  }
  return levels;
}

async function storeDocument(db: Db, input: IngestInput, digest: string, fields: Partial<typeof sourceDocuments.$inferInsert>) {
  const [inserted] = await db
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
  return inserted.id;
}

async function parseOrReject(input: IngestInput): Promise<ParsedReport | { code: string; reason: string }> {
  try {
    const report = await parseReport(input.bytes, { fileName: input.fileName, mediaType: input.mediaType });
    if (!report.agency || !report.year) {
      return { code: "UNIDENTIFIED_REPORT", reason: "无法识别报告的机关名称或年度，请在清单（manifest.csv）中补充。" };
    }
    return report;
  } catch (error: unknown) {
    if (error instanceof ReportParseError) return { code: error.code, reason: error.message };
    return { code: "PARSER_FAILURE", reason: `解析器内部错误：${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Parses one document and stores it with its report in one transaction; the same bytes again are a no-op. */
export async function ingestDocument(db: Db, input: IngestInput): Promise<IngestOutcome> {
  const digest = sha256(input.bytes);
  const parsed = await parseOrReject(input);
  if (!("issues" in parsed)) {
    await storeDocument(db, input, digest, { status: "rejected", errorCode: parsed.code, errorMessage: parsed.reason, lastParsedAt: new Date() });
    return { status: "rejected", code: parsed.code, reason: parsed.reason };
  }
  return db.transaction(async (tx) => {
    const documentId = await storeDocument(tx as unknown as Db, input, digest, {
      status: "parsed",
      encoding: parsed.source?.encoding ?? null,
      errorCode: null,
      errorMessage: null,
      lastParsedAt: new Date(),
    });
    const name = parsed.agency!;
    const year = parsed.year!;
    const regionCode = parsed.region?.code ?? null;
    const kind = parsed.agencyKind ?? classifyAgencyKind(name);
    await tx
      .insert(agencies)
      .values({ name, normalizedName: normaliseAgencyName(name), regionCode, kind })
      .onConflictDoNothing();
    const [agency] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.normalizedName, normaliseAgencyName(name)), regionCode ? eq(agencies.regionCode, regionCode) : undefined));
    const [current] = await tx
      .select({ id: reports.id, sourceDocumentId: reports.sourceDocumentId })
      .from(reports)
      .where(and(eq(reports.agencyId, agency.id), eq(reports.year, year), eq(reports.isCurrent, true)))
      .for("update");
    if (current?.sourceDocumentId === documentId) {
      return { status: "unchanged", reportId: current.id, agency: name, year, issueCount: parsed.issues.length };
    }
    if (current) {
      await tx.update(reports).set({ isCurrent: false, supersededAt: new Date() }).where(eq(reports.id, current.id));
      await tx.delete(reportValues).where(eq(reportValues.reportId, current.id));
    }
    const [report] = await tx
      .insert(reports)
      .values({
        agencyId: agency.id,
        year,
        layout: parsed.format,
        publishedAt: parsed.publishedAt ?? null,
        deadline: computeDeadline(year, kind),
        sourceDocumentId: documentId,
        parsed,
        parserVersion: PARSER_VERSION,
        issueCount: parsed.issues.length,
        errorCount: parsed.issues.filter((i) => i.severity === "error").length,
        checksPassed: !parsed.issues.some((i) => ARITHMETIC_CODES.test(i.code)),
      })
      .returning({ id: reports.id });
    await tx.insert(reportValues).values({
      reportId: report.id,
      agencyId: agency.id,
      year,
      layout: parsed.format,
      agencyKind: kind,
      ...regionLevels(regionCode),
      ...collectCellValues(parsed),
    } as typeof reportValues.$inferInsert);
    if (parsed.issues.length > 0) {
      await tx.insert(reportIssues).values(
        parsed.issues.map((issue) => ({
          reportId: report.id,
          code: issue.code,
          severity: issue.severity,
          message: issue.message,
          cells: issue.cells ?? [],
        })),
      );
    }
    return { status: current ? "updated" : "new", reportId: report.id, agency: name, year, issueCount: parsed.issues.length };
  });
}
