import { classifyAgencyKind, resolveRegion } from "@/lib/regions";
import { checkArithmetic, checkNarrative } from "./checks";
import { decodeText, looksBinary, looksLikeHtml, sniffKind } from "./decode";
import type { Item, Shape } from "./document";
import { ReportParseError, TimeBudget } from "./errors";
import { IssueList } from "./issues";
import { completeAgency, readPublishedAt, readTitle, readYearFromText, type TitleInfo } from "./meta";
import { normaliseRadicals } from "./radicals";
import {
  ACTIVE_ROWS,
  type ActiveRowKey,
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  type ApplicationRowKey,
  type Layout,
  type ParsedReport,
  REVIEW_BLOCK_KEYS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
} from "./schema";
import { alignedLines, isSpaceAligned } from "./sources/aligned-text";
import { docxToHtml } from "./sources/docx";
import { extractHtml } from "./sources/html";
import { extractPdf, loadPdfJs } from "./sources/pdf";
import { linesToItems } from "./sources/text";
import { readTables } from "./tables/read-tables";
import type { TablesResult } from "./tables/types";

export type ParseOptions = { fileName?: string; mediaType?: string; timeoutMs?: number };

export const DEFAULT_TIMEOUT_MS = 2000;
/** pdf.js parses embedded CJK fonts before it yields text; a cold process needs more than the text budget. */
export const DEFAULT_PDF_TIMEOUT_MS = 6000;

type Extracted = {
  shape: Shape;
  items: Item[];
  lines: string[];
  titles: string[];
  encoding: string | null;
  fileDate: string | null;
};

async function extract(bytes: Uint8Array, opts: ParseOptions, budget: TimeBudget): Promise<Extracted> {
  const kind = sniffKind(bytes, opts);
  if (kind === "pdf") {
    const { lines: pdfLines, fileDate } = await extractPdf(bytes, budget);
    const lines = pdfLines.map((l) => l.text);
    const { items } = linesToItems(
      lines,
      budget,
      pdfLines.map((l) => l.xs),
    );
    return { shape: "pdf", items, lines, titles: [], encoding: null, fileDate };
  }
  if (kind === "docx") {
    const html = normaliseRadicals(await docxToHtml(bytes));
    const { items, lines, titles } = extractHtml(html, budget);
    return { shape: "docx", items, lines, titles, encoding: null, fileDate: null };
  }
  const decoded = decodeText(bytes);
  const text = normaliseRadicals(decoded.text);
  const encoding = decoded.encoding;
  if (looksBinary(text)) {
    throw new ReportParseError("UNSUPPORTED_FORMAT", "无法识别的文件格式：内容不是文本、HTML、PDF 或 DOCX");
  }
  const media = (opts.mediaType ?? "").toLowerCase();
  const name = (opts.fileName ?? "").toLowerCase();
  const htmlHint = media.includes("html") || /\.s?html?$/.test(name);
  if (htmlHint || looksLikeHtml(text)) {
    const { items, lines, titles } = extractHtml(text, budget);
    return { shape: "html", items, lines, titles, encoding, fileDate: null };
  }
  const lines = text.split(/\r\n|\r|\n/);
  if (isSpaceAligned(lines)) {
    const aligned = alignedLines(lines);
    const { items } = linesToItems(aligned.lines, budget, aligned.positions);
    return { shape: "text", items, lines, titles: [], encoding, fileDate: null };
  }
  const { items, markdown } = linesToItems(lines, budget);
  const md = markdown || media.includes("markdown") || /\.(md|markdown)$/.test(name);
  return { shape: md ? "markdown" : "text", items, lines, titles: [], encoding, fileDate: null };
}

function findTitle(ex: Extracted): TitleInfo | null {
  const lines = ex.lines
    .slice(0, 80)
    .map((l) => l.trim())
    .filter(Boolean);
  const candidates = [...ex.titles];
  for (let i = 0; i < lines.length; i++) {
    candidates.push(lines[i]);
    if (i + 1 < lines.length && lines[i].length <= 40) candidates.push(`${lines[i]}${lines[i + 1]}`);
  }
  let yearOnly: TitleInfo | null = null;
  for (const c of candidates) {
    const t = readTitle(c);
    if (!t) continue;
    if (t.agency && t.year) return t;
    yearOnly ??= t;
  }
  return yearOnly;
}

const TABLE_NAMES = {
  active: "表二（主动公开政府信息情况）",
  applications: "表三（收到和处理政府信息公开申请情况）",
  review: "表四（政府信息公开行政复议、行政诉讼情况）",
};

function reportMissing(t: TablesResult, layout: Layout | null, issues: IssueList): void {
  for (const [key, name] of Object.entries(TABLE_NAMES) as [keyof typeof TABLE_NAMES, string][]) {
    if (!t.regions[key]) issues.add("MISSING_SECTION", "error", `未找到${name}`, [key === "review" ? "review" : key]);
  }
  if (!layout) return;
  if (t.regions.active) {
    for (const key of Object.keys(ACTIVE_ROWS) as ActiveRowKey[]) {
      if (ACTIVE_ROWS[key].columns[layout].length === 0 || t.active[key]) continue;
      issues.add("MISSING_ROW", "warning", `表二缺少“${ACTIVE_ROWS[key].label}”行`, [`active.${key}`]);
    }
  }
  if (t.regions.applications) {
    const apps = t.applications;
    const missing: ApplicationRowKey[] = [];
    for (const key of Object.keys(APPLICATION_ROWS) as ApplicationRowKey[]) {
      if (apps[key] || !(APPLICATION_ROWS[key].layouts as readonly string[]).includes(layout)) continue;
      if (key === "otherHandling" && (apps.otherNoCorrection || apps.otherUnpaidFee || apps.otherOther)) continue;
      missing.push(key);
    }
    if (missing.length > 0) {
      issues.add(
        "MISSING_ROW",
        "warning",
        `表三缺少 ${missing.length} 行：${missing.map((k) => APPLICATION_ROWS[k].label).join("；")}`,
        missing.map((k) => `applications.${k}`),
      );
    }
    for (const key of Object.keys(apps) as ApplicationRowKey[]) {
      const row = apps[key]!;
      const absent = APPLICANT_COLUMNS.filter((c) => !(c in row));
      if (absent.length > 0 && absent.length < APPLICANT_COLUMNS.length) {
        // already reported as MISSING_COLUMN while reading
      }
    }
  }
  if (t.regions.review) {
    const absent = REVIEW_BLOCK_KEYS.filter((b) => !t.review[b]);
    if (absent.length > 0) {
      issues.add("MISSING_ROW", "warning", `表四缺少：${absent.map((b) => REVIEW_BLOCKS[b]).join("、")}`, absent);
    }
  }
}

/** A 2021 table printed with the single 2019 （六）其他处理 row: all-zero means each 2021 sub-row is zero too. */
function deriveOtherSubRows(t: TablesResult, layout: Layout | null, issues: IssueList): void {
  const apps = t.applications;
  const single = apps.otherHandling;
  if (layout !== "2021" || !single || apps.otherNoCorrection || apps.otherUnpaidFee || apps.otherOther) return;
  const subKeys = ["otherNoCorrection", "otherUnpaidFee", "otherOther"] as const;
  if (APPLICANT_COLUMNS.every((c) => single[c] === 0)) {
    for (const k of subKeys) apps[k] = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, 0]));
    issues.add(
      "IMPLIED_VALUE",
      "info",
      "表三按2019年版只列出一行“（六）其他处理”且全部为0，2021年版的三个分项据此均为0",
      subKeys.map((k) => `applications.${k}`),
    );
  } else {
    issues.add(
      "LAYOUT_MIXED",
      "warning",
      "表三按2019年版只列出一行“（六）其他处理”，无法拆分为2021年版的三个分项",
      subKeys.map((k) => `applications.${k}`),
    );
  }
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Parses one annual report. Pure: no I/O beyond the given bytes; deterministic; bounded by a time budget. */
export async function parseReport(bytes: Uint8Array, opts: ParseOptions = {}): Promise<ParsedReport> {
  if (!(bytes instanceof Uint8Array)) throw new ReportParseError("UNSUPPORTED_FORMAT", "输入不是二进制文件内容");
  const isPdf = sniffKind(bytes, opts) === "pdf";
  if (isPdf) await loadPdfJs();
  const budget = new TimeBudget(opts.timeoutMs ?? (isPdf ? DEFAULT_PDF_TIMEOUT_MS : DEFAULT_TIMEOUT_MS));
  const ex = await extract(bytes, opts, budget);
  budget.checkNow();
  const issues = new IssueList();
  const plainText = ex.lines.join("\n");
  const title = findTitle(ex);
  let year = title?.year ?? readYearFromText(plainText);
  let publishedAt = readPublishedAt(plainText, year);
  let publishedFromFile = false;
  if (!publishedAt && ex.fileDate && (year === null || Number(ex.fileDate.slice(0, 4)) > year)) {
    publishedAt = ex.fileDate;
    publishedFromFile = true;
  }
  if (year === null && publishedAt) {
    year = Number(publishedAt.slice(0, 4)) - 1;
    issues.add("YEAR_GUESSED", "warning", `标题中未写明报告年度，按发布日期推定为 ${year} 年`, []);
  }
  const tables = readTables(ex.items, issues, budget, year);
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
      .map((r) => r!.start),
  );
  const narrative = ex.items
    .slice(0, narrativeEnd + 1)
    .map((it) => (it.kind === "text" ? it.text : `${it.labels.join("")}${it.cells.join("")}`))
    .join("");
  checkNarrative(narrative, tables, issues);

  let agency = title?.agency ?? null;
  if (agency) {
    const completed = completeAgency(agency, plainText);
    if (completed.completed) {
      issues.add(
        "AGENCY_COMPLETED",
        "info",
        `标题只写了地名“${agency}”，机关名称按正文补全为“${completed.agency}”`,
        [],
      );
    }
    agency = completed.agency;
  } else {
    issues.add("AGENCY_UNKNOWN", "error", "无法从标题中识别发布机关名称", []);
  }
  if (year === null) issues.add("YEAR_UNKNOWN", "error", "无法识别报告年度", []);

  const resolution = resolveRegion({ agency, text: plainText.slice(0, 20000) });
  if (!resolution.region) {
    issues.add(
      "REGION_UNRESOLVED",
      "warning",
      resolution.ambiguous?.length ? "发布机关所在行政区划有多个同名候选，无法确定" : "无法确定发布机关所在的行政区划",
      [],
      resolution.ambiguous?.length ? { candidates: resolution.ambiguous } : undefined,
    );
  }
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
    const due = agencyKind === "government" || agencyKind === "township" ? `${year + 1}-03-31` : `${year + 1}-01-31`;
    if (publishedAt > due) {
      const late = Math.round((Date.parse(publishedAt) - Date.parse(due)) / 86400000);
      issues.add("LATE_PUBLICATION", "warning", `发布日期 ${publishedAt} 晚于法定期限 ${due}（逾期 ${late} 天）`, [], {
        publishedAt,
        deadline: due,
        daysLate: late,
        approximate: publishedFromFile,
      });
    }
    void addDays;
  }

  const report: ParsedReport = {
    agency,
    year,
    publishedAt: publishedAt ?? null,
    format: layout,
    region: resolution.region,
    ...(agencyKind ? { agencyKind } : {}),
    active: tables.active,
    applications: tables.applications,
    ...Object.fromEntries(REVIEW_BLOCK_KEYS.filter((b) => tables.review[b]).map((b) => [b, tables.review[b]])),
    issues: issues.items,
    source: { shape: ex.shape, encoding: ex.encoding, mediaType: opts.mediaType ?? null },
  };
  void REVIEW_COLUMNS;
  return report;
}
