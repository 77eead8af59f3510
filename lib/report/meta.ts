import { cleanAgencyName, ORG_SUFFIX } from "./clean-agency-name";
import { toHalfWidth } from "./numbers";

const CN_YEAR_DIGITS: Record<string, string> = {
  〇: "0",
  零: "0",
  "○": "0",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};

function cnYearToDigits(s: string): string {
  return s.replace(/[二][〇零○一二三四五六七八九]{3}(?=\s*年)/g, (m) =>
    [...m].map((c) => CN_YEAR_DIGITS[c] ?? c).join(""),
  );
}

const REPORT_WORDS = /(政府信息公开|政务公开|信息公开)(工作)?(年度)?(报告|年报)|年度报告/;
const YEAR_THEN_REPORT = /((?:19|20)\d{2})\s*年\s*度?\s*(?:的)?\s*(?:政府信息公开|政务公开|信息公开|政府信息)/;

export type TitleInfo = { title: string; agency: string | null; year: number | null };

function cleanAgency(s: string): string | null {
  return cleanAgencyName(s, "title");
}

/** Agency and report year from a title such as "牡丹江市教育局 2019年政府信息公开工作年度报告". */
export function readTitle(raw: string): TitleInfo | null {
  const title = cnYearToDigits(toHalfWidth(raw)).replace(/\s+/g, " ").trim();
  if (!REPORT_WORDS.test(title) || title.length > 120) return null;
  const m = YEAR_THEN_REPORT.exec(title);
  if (m) {
    const agency = cleanAgency(title.slice(0, m.index));
    if (agency) return { title, agency, year: Number(m[1]) };
  }
  const yearFirst = /((?:19|20)\d{2})\s*年\s*度?\s*(.+?)(?:政府信息公开|政务公开|信息公开)/.exec(title);
  if (yearFirst) {
    const agency = cleanAgency(yearFirst[2]);
    if (agency) return { title, agency, year: Number(yearFirst[1]) };
  }
  const yearLast = /^(.+?)(?:政府信息公开|政务公开)(?:工作)?\s*((?:19|20)\d{2})\s*年度?\s*(?:工作)?(?:报告|年报)/.exec(
    title,
  );
  if (yearLast) return { title, agency: cleanAgency(yearLast[1]), year: Number(yearLast[2]) };
  return m ? { title, agency: null, year: Number(m[1]) } : null;
}

/** A title that names only a place ("平潭综合实验区…") means that place's government body, named in the text. */
export function completeAgency(agency: string, text: string): { agency: string; completed: boolean } {
  if (ORG_SUFFIX.test(agency)) return { agency, completed: false };
  const escaped = agency.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}[\\u4e00-\\u9fff]{0,6}?(人民政府|管委会|管理委员会|行政公署)`).exec(
    text.slice(0, 20000),
  );
  if (m) return { agency: m[0], completed: true };
  if (/(省|市|县|区|旗|州|盟|自治区|自治州|自治县)$/.test(agency))
    return { agency: `${agency}人民政府`, completed: true };
  return { agency, completed: false };
}

function isoDate(y: string, m: string, d: string): string | null {
  const yy = Number(y);
  const mm = Number(m);
  const dd = Number(d);
  if (yy < 2000 || yy > 2100 || mm < 1 || mm > 12 || dd < 1 || dd > 31) return null;
  // A misprinted day such as 4月31日 is not a date (and PostgreSQL would refuse it).
  if (new Date(Date.UTC(yy, mm - 1, dd)).getUTCDate() !== dd) return null;
  return `${yy}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

const META_DATE =
  /(发布时间|发布日期|成文日期|公开日期|印发日期|发文日期|生成日期|日期|时间)\s*[:：]?\s*((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/g;
const ANY_DATE = /((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?/g;

/** Publication date: a labelled metadata date, else a date closing the report. Must fall after the report year. */
export function readPublishedAt(text: string, year: number | null): string | null {
  const t = cnYearToDigits(toHalfWidth(text));
  const valid = (d: string | null) => d !== null && (year === null || Number(d.slice(0, 4)) > year);
  for (const m of t.slice(0, 8000).matchAll(META_DATE)) {
    const before = t.slice(Math.max(0, m.index - 3), m.index);
    if (/采集|抓取|访问|浏览|生成|更新|截止/.test(before + m[1])) continue;
    const d = isoDate(m[2], m[3], m[4]);
    if (valid(d)) return d;
  }
  const tailStart = Math.max(t.search(/其他需要报告的事项/), t.length - 1500, 0);
  let last: string | null = null;
  for (const m of t.slice(tailStart).matchAll(ANY_DATE)) {
    const d = isoDate(m[1], m[2], m[3]);
    if (valid(d)) last = d;
  }
  return last;
}

/** The report year from the statistics period when the title has none. */
export function readYearFromText(text: string): number | null {
  const m = /统计(?:期限|时限|时间|区间)[^。]{0,10}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(toHalfWidth(text));
  return m ? Number(m[1]) : null;
}

/** The title: explicit title fields first, then the first lines (alone, or a short line joined to the next). */
export function findTitle(titles: string[], lines: string[]): TitleInfo | null {
  // The parser and the agency search both ask for the same document's title.
  const memo = TITLE_MEMO.get(lines);
  if (memo?.titles === titles) return memo.title;
  const title = readFirstTitle(titles, lines);
  TITLE_MEMO.set(lines, { titles, title });
  return title;
}

const TITLE_MEMO = new WeakMap<string[], { titles: string[]; title: TitleInfo | null }>();

function readFirstTitle(titles: string[], lines: string[]): TitleInfo | null {
  const head = lines
    .slice(0, 80)
    .map((l) => l.trim())
    .filter(Boolean);
  const candidates = [...titles];
  for (let i = 0; i < head.length; i++) {
    candidates.push(head[i]);
    if (i + 1 < head.length && head[i].length <= 40) candidates.push(`${head[i]}${head[i + 1]}`);
  }
  let yearOnly: TitleInfo | null = null;
  for (const candidate of candidates) {
    const title = readTitle(candidate);
    if (!title) continue;
    if (title.agency && title.year) return title;
    yearOnly ??= title;
  }
  return yearOnly;
}
