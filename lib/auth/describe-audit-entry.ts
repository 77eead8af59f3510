import { AGENCY_CHART_TITLES, type AgencyChartId, CHART_TITLES, type ChartId } from "@/lib/charts/chart-catalog";
import { METRIC_BY_ID } from "@/lib/metrics";
import { describeRegion, findRegionByCode } from "@/lib/regions";
import { AGENCY_KIND_LABELS, type AgencyKind } from "@/lib/report/schema";
import { nameAuditAction } from "./audit-actions";
import { ROLE_NAMES, type Role } from "./roles";

export type AuditEntryFields = { action: string; target: string | null; filters: unknown };

export type AuditEntryDescription = {
  /** What was acted on, in words: an email, 总览, 机关 #12, a report, uploaded file names; null when nothing. */
  target: string | null;
  /** The agency the entry concerns, for a link to its page. */
  agencyId?: number;
  /** The entry's conditions in words ("图表：… · 格式：CSV · 地区：黑龙江省哈尔滨市 · 年度：2019–2023"); null when none. */
  summary: string | null;
  /** The same, one "label：value" each (the page keeps each on one line). */
  parts: string[];
};

const AUDIT_SUMMARY_SEPARATOR = " · ";

type Filters = Record<string, unknown>;
type Part = string | null;

const FORMAT_NAMES: Record<string, string> = { csv: "CSV", xlsx: "Excel（xlsx）", json: "JSON", pdf: "PDF" };
const ROWS_NAMES: Record<string, string> = { view: "图表数据", detail: "明细（逐份报告）" };
const VIEW_NAMES: Record<string, string> = { text: "在浏览器中查看文字" };
const INGEST_STATUS_NAMES: Record<string, string> = {
  new: "新增",
  updated: "更新",
  unchanged: "未变化",
  rejected: "未导入",
};

// Export targets as the routes write them: "applications-by-year.csv", "agency 12 agency-trend.xlsx",
// "agency 12.xlsx", "overview.xlsx", "audit-log.csv"; page snapshots "overview.pdf", "agency 12.pdf".
const EXPORT_TARGET = /^(?:agency (\d+)(?: ([a-z][a-z-]*))?|([a-z][a-z-]*))\.(csv|xlsx|json|pdf)$/;
const DOCUMENT_TARGET = /^document (\d+)$/;

const isBlank = (value: unknown) => value === undefined || value === null || value === "";
const text = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "boolean" ? (value ? "是" : "否") : JSON.stringify(value);
const part = (label: string, value: string): string => `${label}：${value}`;

function regionName(value: unknown): string {
  return typeof value === "string" && findRegionByCode(value) ? describeRegion(value) : text(value);
}

function metricName(value: unknown): string {
  return (typeof value === "string" && METRIC_BY_ID.get(value)?.name) || text(value);
}

/** A detail group is a child region's code, or an agency's id below county level. */
function groupName(value: unknown): string {
  if (typeof value === "string" && /^\d{6}$/.test(value) && findRegionByCode(value)) return describeRegion(value);
  return /^\d+$/.test(String(value)) ? `机关 #${value}` : text(value);
}

const yearOf = (value: unknown) => (value === "all" ? "全部年度" : `${text(value)} 年`);

function yearRange(from: unknown, to: unknown): Part {
  if (isBlank(from) && isBlank(to)) return null;
  if (isBlank(to)) return part("年度", `${text(from)} 年起`);
  if (isBlank(from)) return part("年度", `至 ${text(to)} 年`);
  return part("年度", from === to ? `${text(from)} 年` : `${text(from)}–${text(to)}`);
}

type Field = { keys: string[]; words: (filters: Filters) => Part };

const field = (key: string, label: string, format: (value: unknown) => string): Field => ({
  keys: [key],
  words: (filters) => (isBlank(filters[key]) ? null : part(label, format(filters[key]))),
});

/** The keys the routes write, in the order they are shown, with their labels and wording. */
const FIELDS: Field[] = [
  field("region", "地区", regionName),
  { keys: ["from", "to"], words: (filters) => yearRange(filters.from, filters.to) },
  field("kind", "机关类型", (v) => AGENCY_KIND_LABELS[v as AgencyKind] ?? text(v)),
  field("layout", "表格版式", (v) => `${text(v)} 版`),
  field("metric", "指标", metricName),
  field("year", "所示年度", yearOf),
  field("group", "分组", groupName),
  field("rows", "数据", (v) => ROWS_NAMES[String(v)] ?? text(v)),
  field("detailMetric", "明细指标", metricName),
  field("detailYear", "明细年度", yearOf),
  field("detailGroup", "明细分组", groupName),
  field("view", "查看方式", (v) => VIEW_NAMES[String(v)] ?? text(v)),
  field("share", "冻结视图", (v) => `/s/${text(v)}`),
  field("datasetVersion", "数据版本", text),
  field("agency", "机关", (v) => `#${text(v)}`),
  field("agencyId", "机关", (v) => `#${text(v)}`),
  field("promotedId", "恢复为当前版本", (v) => `报告 #${text(v)}`),
  field("name", "姓名", text),
  field("role", "角色", (v) => ROLE_NAMES[v as Role] ?? text(v)),
  field("canExport", "导出权限", (v) => (v === true ? "可导出" : v === false ? "不可导出" : text(v))),
  field("action", "操作", (v) => nameAuditAction(String(v))),
  field("actor", "操作人", text),
  field("limit", "最多条数", text),
  field("offset", "跳过条数", text),
];
const KNOWN_KEYS = new Set(["format", "download", "regionCode", ...FIELDS.flatMap((f) => f.keys)]);

/** The parts for the keys an action writes with its own meaning (a report's year, a user's region, import counts). */
function actionParts(action: string, filters: Filters): { parts: Part[]; used: string[] } {
  if (action === "ingest") {
    const used = Object.keys(filters).filter((key) => key in INGEST_STATUS_NAMES);
    return { parts: used.map((key) => part(INGEST_STATUS_NAMES[key], `${text(filters[key])} 份`)), used };
  }
  if (action === "report.delete" && !isBlank(filters.year)) {
    return { parts: [part("报告年度", yearOf(filters.year))], used: ["year"] };
  }
  if ("regionCode" in filters) {
    const all = filters.role === "admin" ? "全部地区" : "无";
    return {
      parts: [part("地区", isBlank(filters.regionCode) ? all : regionName(filters.regionCode))],
      used: ["regionCode"],
    };
  }
  return { parts: [], used: [] };
}

/** Every key of the filters in words; keys this version does not know show as `key：value`, never dropped. */
function filterParts(action: string, filters: Filters, skip: Set<string>): Part[] {
  const own = actionParts(action, filters);
  const done = new Set([...skip, ...own.used]);
  const parts: Part[] = [...own.parts];
  for (const { keys, words } of FIELDS) if (!keys.some((key) => done.has(key))) parts.push(words(filters));
  for (const [key, value] of Object.entries(filters)) {
    if (!KNOWN_KEYS.has(key) && !done.has(key) && value !== undefined) parts.push(part(key, text(value)));
  }
  return parts;
}

type Head = { target: string | null; agencyId?: number; parts: string[]; skip: string[] };

/** An export's target in words, and the chart (or workbook) and format that lead its summary. */
function describeExport(target: string, filters: Filters): Head {
  const match = EXPORT_TARGET.exec(target);
  if (!match) return { target, parts: [], skip: [] };
  const [, agency, agencyChart, name, extension] = match;
  const format = part("格式", FORMAT_NAMES[extension]);
  const skip = ["format", "download"];
  if (agency) {
    const title = agencyChart ? (AGENCY_CHART_TITLES[agencyChart as AgencyChartId] ?? agencyChart) : null;
    return {
      target: `机关 #${agency}`,
      agencyId: Number(agency),
      parts: [
        title ? part("图表", title) : part("内容", extension === "pdf" ? "机关页快照" : "机关页全部数据（工作簿）"),
        format,
      ],
      skip: String(filters.agency) === agency ? [...skip, "agency"] : skip,
    };
  }
  // A frozen view's downloads (`share` names the link) serve the tables stored when it was shared.
  const overview = isBlank(filters.share) ? "总览" : "总览（冻结视图）";
  if (name === "overview")
    return {
      target: overview,
      parts: [part("内容", `总览当前视图（${extension === "pdf" ? "页面快照" : "工作簿"}）`), format],
      skip,
    };
  if (name === "audit-log") return { target: "审计日志", parts: [format], skip };
  return { target: overview, parts: [part("图表", CHART_TITLES[name as ChartId] ?? name), format], skip };
}

function describeTarget(entry: AuditEntryFields, filters: Filters): Head {
  const { action, target } = entry;
  if (action === "export" && target) return describeExport(target, filters);
  const document = action === "document.download" && target ? DOCUMENT_TARGET.exec(target)?.[1] : undefined;
  if (document) return { target: `原始文档 #${document}`, parts: [], skip: [] };
  const agencyId = action === "report.delete" && Number.isInteger(filters.agencyId) ? Number(filters.agencyId) : null;
  return { target, ...(agencyId ? { agencyId } : {}), parts: [], skip: [] };
}

/**
 * An audit-log entry in words for the audit page and the CSV: the target (chart ids and document numbers named in
 * Chinese) and a summary of its stored filters — chart titles, region names, agency kinds, layouts, metrics.
 */
export function describeAuditEntry(entry: AuditEntryFields): AuditEntryDescription {
  const filters = entry.filters;
  const record = isRecord(filters) ? filters : {};
  const { parts: head, skip, ...target } = describeTarget(entry, record);
  const parts: Part[] = [...head];
  if (isRecord(filters)) parts.push(...filterParts(entry.action, filters, new Set(skip)));
  else if (filters !== null && filters !== undefined) parts.push(text(filters));
  const words = parts.filter((p): p is string => Boolean(p));
  return { ...target, summary: words.length ? words.join(AUDIT_SUMMARY_SEPARATOR) : null, parts: words };
}

function isRecord(value: unknown): value is Filters {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
