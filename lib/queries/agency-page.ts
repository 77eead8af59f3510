import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { CELLS } from "@/db/cells";
import { type Db, getDb } from "@/db/client";
import { agencies, reportIssues, reports, sourceDocuments } from "@/db/schema";
import type { Scope } from "@/lib/auth/scope";
import { aggregateCellMetric, type CellMetric, daysLate, METRICS, type ReportCells } from "@/lib/metrics";
import { findRegionByCode } from "@/lib/regions";
import { readCellValue } from "@/lib/report/read-cell";
import type { ParsedReport } from "@/lib/report/schema";
import { cachedByVersion } from "./dataset-cache";
import { isRegionInScope } from "./region-scope";

export type AgencyReportVersion = {
  reportId: number;
  year: number;
  layout: string | null;
  isCurrent: boolean;
  createdAt: string;
  supersededAt: string | null;
  parserVersion: string;
  publishedAt: string | null;
  deadline: string | null;
  daysLate: number | null;
  checksPassed: boolean;
  issueCount: number;
  documentId: number;
  fileName: string | null;
  mediaType: string | null;
  byteSize: number;
  sha256: string;
};

export type AgencyIssue = { code: string; severity: string; message: string; cells: string[] };

export type AgencyPage = {
  agency: {
    id: number;
    name: string;
    kind: string;
    regionCode: string | null;
    regionPath: { code: string; name: string }[];
  };
  years: number[];
  /** Current report per year with its parsed tables and issues. */
  current: (AgencyReportVersion & { parsed: ParsedReport; issues: AgencyIssue[] })[];
  versions: AgencyReportVersion[];
  /** Every cell metric per year: metric id → year → value (null where the layout lacks it). */
  series: { id: string; name: string; unit: string; group: string; values: Record<number, number | null> }[];
};

/** Cells of a parsed report by canonical path, for the metric functions. */
export function collectReportCells(parsed: unknown, year: number, layout: string | null): ReportCells {
  const cells: Record<string, number | null> = {};
  for (const cell of CELLS) cells[cell.path] = readCellValue(parsed, cell.path);
  return { year, layout, cells };
}

const iso = (d: Date | string | null) => (d == null ? null : d instanceof Date ? d.toISOString() : String(d));

/** Everything the agency page shows; null when the agency does not exist or is outside the scope. */
export async function getAgencyPage(db: Db, agencyId: number, scope: Scope): Promise<AgencyPage | null> {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!agency || !isRegionInScope(agency.regionCode, scope)) return null;
  const rows = await db
    .select({
      reportId: reports.id,
      year: reports.year,
      layout: reports.layout,
      isCurrent: reports.isCurrent,
      createdAt: reports.createdAt,
      supersededAt: reports.supersededAt,
      parserVersion: reports.parserVersion,
      publishedAt: reports.publishedAt,
      deadline: reports.deadline,
      checksPassed: reports.checksPassed,
      issueCount: reports.issueCount,
      // Only current versions show their tables: superseded versions' JSON is not read at all.
      parsed: sql<unknown>`case when ${reports.isCurrent} then ${reports.parsed} end`.mapWith(reports.parsed),
      documentId: sourceDocuments.id,
      fileName: sourceDocuments.fileName,
      mediaType: sourceDocuments.mediaType,
      byteSize: sourceDocuments.byteSize,
      sha256: sourceDocuments.sha256,
    })
    .from(reports)
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.sourceDocumentId))
    .where(eq(reports.agencyId, agencyId))
    .orderBy(desc(reports.year), desc(reports.isCurrent), desc(reports.createdAt));
  const currentIds = rows.filter((r) => r.isCurrent).map((r) => r.reportId);
  const issues = currentIds.length
    ? await db
        .select()
        .from(reportIssues)
        .where(and(inArray(reportIssues.reportId, currentIds)))
        .orderBy(asc(reportIssues.id))
    : [];
  const versions: AgencyReportVersion[] = rows.map(({ parsed: _p, ...r }) => {
    const publishedAt = iso(r.publishedAt)?.slice(0, 10) ?? null;
    const deadline = iso(r.deadline)?.slice(0, 10) ?? null;
    return {
      ...r,
      publishedAt,
      deadline,
      daysLate: daysLate(publishedAt, deadline),
      createdAt: iso(r.createdAt)!,
      supersededAt: iso(r.supersededAt),
    };
  });
  const current = rows
    .filter((r) => r.isCurrent)
    .map((r) => ({
      ...versions.find((v) => v.reportId === r.reportId)!,
      parsed: r.parsed as ParsedReport,
      issues: issues
        .filter((i) => i.reportId === r.reportId)
        .map((i) => ({ code: i.code, severity: i.severity, message: i.message, cells: i.cells })),
    }));
  const years = [...new Set(current.map((r) => r.year))].sort((a, b) => a - b);
  const cellsByYear = new Map(current.map((r) => [r.year, collectReportCells(r.parsed, r.year, r.layout)]));
  const series = METRICS.filter((m): m is CellMetric => m.source === "cells").map((m) => ({
    id: m.id,
    name: m.name,
    unit: m.unit,
    group: m.group,
    values: Object.fromEntries(
      years.map((y) => {
        const cells = cellsByYear.get(y);
        return [y, cells ? aggregateCellMetric(m, [cells]).value : null];
      }),
    ),
  }));
  const region = agency.regionCode ? findRegionByCode(agency.regionCode) : null;
  const regionPath: { code: string; name: string }[] = [];
  for (let r = region; r; r = r.parentCode ? findRegionByCode(r.parentCode) : null)
    regionPath.unshift({ code: r.code, name: r.name });
  return {
    agency: { id: agency.id, name: agency.name, kind: agency.kind, regionCode: agency.regionCode, regionPath },
    years,
    current,
    versions,
    series,
  };
}

/** The years whose reports the page shows: `year` picks one, `all` every one (newest first), anything else the latest. */
export type ReportYearChoice = {
  selected: number | "all" | null;
  shown: number[];
  /** A `year` value that names no report of the agency (shown the latest instead). */
  ignored: string | null;
};

export function chooseReportYears(years: readonly number[], param: string | string[] | undefined): ReportYearChoice {
  const asked = (Array.isArray(param) ? param[0] : param)?.trim() ?? "";
  const latest = years.length ? Math.max(...years) : null;
  if (asked === "all" && years.length)
    return { selected: "all", shown: [...years].sort((a, b) => b - a), ignored: null };
  const year = /^\d{4}$/.test(asked) ? Number(asked) : null;
  if (year !== null && years.includes(year)) return { selected: year, shown: [year], ignored: null };
  return { selected: latest, shown: latest === null ? [] : [latest], ignored: asked && years.length ? asked : null };
}

/** The page's data, memoised under the dataset version like the charts (the page and its metadata share one load). */
export async function loadAgencyPage(agencyId: number, scope: Scope): Promise<AgencyPage | null> {
  return (await getCachedAgencyPage(await getDb(), agencyId, scope)).value;
}

/** The memoised page data with its dataset version: the page, its charts and its exports share one load. */
export function getCachedAgencyPage(db: Db, agencyId: number, scope: Scope) {
  const key = JSON.stringify(["agency-page", agencyId, scope]);
  return cachedByVersion(db, key, () => getAgencyPage(db, agencyId, scope));
}

export type SourceDocument = {
  id: number;
  content: Uint8Array;
  fileName: string | null;
  mediaType: string | null;
};

/** An original document's bytes, if some report in the scope (or no report at all: a rejected upload) uses it. */
export async function getSourceDocument(db: Db, documentId: number, scope: Scope): Promise<SourceDocument | null> {
  const [doc] = await db
    .select({
      id: sourceDocuments.id,
      content: sourceDocuments.content,
      fileName: sourceDocuments.fileName,
      mediaType: sourceDocuments.mediaType,
    })
    .from(sourceDocuments)
    .where(eq(sourceDocuments.id, documentId));
  if (!doc) return null;
  if (scope !== "all") {
    const owners = await db
      .select({ regionCode: agencies.regionCode })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(eq(reports.sourceDocumentId, documentId));
    if (!owners.some((o) => isRegionInScope(o.regionCode, scope))) return null;
  }
  return { ...doc, content: new Uint8Array(doc.content) };
}
