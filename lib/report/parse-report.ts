import { readFileNameYear } from "./agency-candidates";
import { classifyAgencyKind } from "./agency-name";
import { checkArithmetic, checkNarrative } from "./checks";
import { sniffKind } from "./decode";
import { ReportParseError, TimeBudget } from "./errors";
import { type ExtractedDocument, extractDocument } from "./extract-document";
import { IssueList } from "./issues";
import { findTitle, readPublishedAt, readYearFromText } from "./meta";
import { computeDeadline } from "./publication-deadline";
import { noteRegionReading, readAgency } from "./read-agency";
import { type ParsedReport, REVIEW_BLOCK_KEYS, type RegionResolution } from "./schema";
import { loadPdfJs } from "./sources/pdf";
import { deriveOtherSubRows } from "./tables/derive-other-sub-rows";
import { readTables } from "./tables/read-tables";
import { reportMissing } from "./tables/report-missing";

/** Where the publishing agency sits (GB/T 2260), found from its name and the report's opening text. */
export type RegionResolver = (query: { agency: string | null; text: string }) => RegionResolution;

export type ParseOptions = {
  fileName?: string;
  mediaType?: string;
  timeoutMs?: number;
  /** The caller's gazetteer; without one the report has no `region` (and no REGION_UNRESOLVED issue). */
  resolveRegion?: RegionResolver;
};

export const DEFAULT_TIMEOUT_MS = 2000;
/** pdf.js parses embedded CJK fonts before it yields text; a cold process needs more than the text budget. */
export const DEFAULT_PDF_TIMEOUT_MS = 6000;

/** Parses one annual report. Pure: no I/O beyond the given bytes; deterministic; bounded by a time budget. */
export async function parseReport(bytes: Uint8Array, opts: ParseOptions = {}): Promise<ParsedReport> {
  if (!(bytes instanceof Uint8Array)) throw new ReportParseError("UNSUPPORTED_FORMAT", "输入不是二进制文件内容");
  const isPdf = sniffKind(bytes, opts) === "pdf";
  if (isPdf) await loadPdfJs();
  const budget = new TimeBudget(opts.timeoutMs ?? (isPdf ? DEFAULT_PDF_TIMEOUT_MS : DEFAULT_TIMEOUT_MS));
  const doc = await extractDocument(bytes, opts, budget);
  budget.checkNow();
  return readExtracted(doc, opts, budget);
}

/** Parses a document already turned into items (an OCR'd scan): the same reading as `parseReport` from there on. */
export function parseExtractedDocument(doc: ExtractedDocument, opts: ParseOptions = {}): ParsedReport {
  return readExtracted(doc, opts, new TimeBudget(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS));
}

function readExtracted(doc: ExtractedDocument, opts: ParseOptions, budget: TimeBudget): ParsedReport {
  const issues = new IssueList();
  if (doc.replaced) {
    issues.add(
      "ENCODING_REPLACED",
      "warning",
      `文档中有 ${doc.replaced} 处字节不是有效的 ${doc.encoding?.toUpperCase() ?? "UTF-8"} 编码，已替换为“�”后读取`,
      [],
      { replaced: doc.replaced },
    );
  }
  const plainText = doc.lines.join("\n");
  const title = findTitle(doc.titles, doc.lines);
  let year = title?.year ?? readYearFromText(plainText) ?? readFileNameYear(opts.fileName);
  let publishedAt = readPublishedAt(plainText, year);
  let publishedFromFile = false;
  if (!publishedAt && doc.fileDate && (year === null || Number(doc.fileDate.slice(0, 4)) > year)) {
    publishedAt = doc.fileDate;
    publishedFromFile = true;
  }
  if (year === null && publishedAt) {
    year = Number(publishedAt.slice(0, 4)) - 1;
    issues.add("YEAR_GUESSED", "warning", `标题中未写明报告年度，按发布日期推定为 ${year} 年`, []);
  }
  const tables = readTables(doc.items, issues, budget, year);
  const found = tables.regions.active || tables.regions.applications || tables.regions.review;
  if (!found) {
    throw new ReportParseError(
      "NOT_A_REPORT",
      "文档中没有找到政府信息公开年度报告的统计表格（主动公开、依申请公开、行政复议和诉讼三张表），不是年度报告或无法识别",
    );
  }
  const layout = tables.layout;
  if (tables.layoutEvidence === "none" && layout) {
    issues.add("FORMAT_GUESSED", "warning", `表格格式无法从表头判断，按报告年度推定为${layout}年版`, []);
  }
  deriveOtherSubRows(tables, layout, issues);
  reportMissing(tables, layout, issues);
  checkArithmetic(tables, issues);
  const narrativeEnd = Math.min(
    ...[tables.regions.active, tables.regions.applications, tables.regions.review]
      .filter((r) => r !== null)
      .map((r) => r.start),
  );
  const narrative = doc.items
    .slice(0, narrativeEnd + 1)
    .map((item) => (item.kind === "text" ? item.text : `${item.labels.join("")}${item.cells.join("")}`))
    .join("");
  checkNarrative(narrative, tables, issues);

  const agency = readAgency(doc, plainText, opts.fileName, issues);
  if (year === null) issues.add("YEAR_UNKNOWN", "error", "无法识别报告年度", []);

  const resolution = opts.resolveRegion?.({ agency, text: plainText.slice(0, 20000) });
  if (resolution && !resolution.region) {
    const ambiguous = resolution.ambiguous?.length ? resolution.ambiguous : undefined;
    issues.add(
      "REGION_UNRESOLVED",
      "warning",
      ambiguous ? "发布机关所在行政区划有多个同名候选，无法确定" : "无法确定发布机关所在的行政区划",
      [],
      ambiguous ? { candidates: ambiguous } : undefined,
    );
  }
  if (resolution?.region) noteRegionReading(resolution, issues);
  const agencyKind = agency ? classifyAgencyKind(agency) : undefined;
  if (publishedFromFile) {
    issues.add(
      "PUBLISHED_AT_FROM_FILE",
      "info",
      `正文未写明发布日期，采用文件元数据中的日期 ${publishedAt}（仅供参考）`,
      [],
    );
  } else if (!publishedAt) {
    issues.add("PUBLISHED_AT_UNKNOWN", "info", "未找到发布日期", []);
  }
  if (publishedAt && year !== null && agencyKind) {
    const due = computeDeadline(year, agencyKind);
    if (publishedAt > due) {
      const late = Math.round((Date.parse(publishedAt) - Date.parse(due)) / 86400000);
      issues.add("LATE_PUBLICATION", "warning", `发布日期 ${publishedAt} 晚于法定期限 ${due}（逾期 ${late} 天）`, [], {
        publishedAt,
        deadline: due,
        daysLate: late,
        approximate: publishedFromFile,
      });
    }
  }

  return {
    agency,
    year,
    publishedAt: publishedAt ?? null,
    format: layout,
    ...(resolution ? { region: resolution.region } : {}),
    ...(agencyKind ? { agencyKind } : {}),
    active: tables.active,
    applications: tables.applications,
    ...Object.fromEntries(REVIEW_BLOCK_KEYS.filter((b) => tables.review[b]).map((b) => [b, tables.review[b]])),
    issues: issues.items,
    source: { shape: doc.format, encoding: doc.encoding, mediaType: opts.mediaType ?? null },
  };
}
