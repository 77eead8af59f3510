import { cleanAgencyName, ORG_SUFFIX } from "./clean-agency-name";
import { findTitle, readTitle } from "./meta";
import { toHalfWidth } from "./numbers";

/** Where a report names its author. */
export type AgencySource = "title" | "metadata" | "signature" | "statement" | "fileName";

export type AgencyCandidate = { name: string; source: AgencySource; weight: number };

const STRONG_META = "发布机关|发文机关|发布机构|发文单位|发布单位|制发机关|成文单位|公开主体|信息提供单位";
const WEAK_META = "信息来源|文章来源|来源单位|来源|所属单位|单位";
const META_FIELD = new RegExp(`(${STRONG_META}|${WEAK_META})\\s*(?:[:：]\\s*|\\s+)([^\\s:：|/]{2,60})`, "g");
// Every field name above ends in one of these characters: lines without one are skipped unscanned.
const META_FIELD_END = /[关构位体源]/;
const STATEMENT =
  /本(?:年度)?报告(?:是)?由([\u4e00-\u9fff()（）·]{3,40}?)(?:根据|依据|按照|依照|负责|编制|制作|发布|编写|汇总|组织)/g;
const DATE_AT_END =
  /(?:(?:19|20)\d{2}|二[〇零○一二三四五六七八九]{3})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日?\s*$|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s*$/;
const FILE_EXTENSION = /\.[A-Za-z0-9]{1,5}$/;
const BRACKETED = /[(（【[]([^()（）【】[\]]{3,40})[)）】\]]/g;
const REPORT_WORDS = /年度报告|工作年报|信息公开年报|政务公开年报/;

/** A publisher's office compiling its body's report ("…人民政府办公室", "…局办公室") stands for the body. */
function dropCompilingOffice(name: string): string {
  const body = name.replace(/(?:办公室|办)$/, "");
  return body !== name && ORG_SUFFIX.test(body) && body.length >= 3 ? body : name;
}

function nonEmpty(lines: string[]): string[] {
  return lines.map((l) => l.trim()).filter(Boolean);
}

/** The title: the first lines as before, else any short line elsewhere that reads as a report title. */
function collectTitle(titles: string[], lines: string[]): AgencyCandidate[] {
  const head = findTitle(titles, lines);
  if (head?.agency) return [{ name: head.agency, source: "title", weight: 3 }];
  for (const line of nonEmpty(lines.slice(80))) {
    if (line.length > 60 || !REPORT_WORDS.test(line) || /[。，《]/.test(line)) continue;
    const agency = readTitle(line)?.agency;
    const name = agency ? cleanAgencyName(agency) : null;
    if (name) return [{ name, source: "title", weight: 2.5 }];
  }
  return [];
}

function collectMetadata(lines: string[]): AgencyCandidate[] {
  const found: AgencyCandidate[] = [];
  for (const line of [...lines.slice(0, 80), ...lines.slice(-40)]) {
    if (!META_FIELD_END.test(line)) continue;
    for (const m of toHalfWidth(line).matchAll(META_FIELD)) {
      const name = cleanAgencyName(m[2]);
      if (!name) continue;
      const strong = new RegExp(`^(?:${STRONG_META})$`).test(m[1]);
      found.push({ name: dropCompilingOffice(name), source: "metadata", weight: strong ? 2 : 1 });
    }
  }
  return found;
}

/** The 落款: the name on the line(s) just above the closing date (or on the date's own line). */
function collectSignature(lines: string[]): AgencyCandidate[] {
  const tail = nonEmpty(lines.slice(-80));
  for (let i = tail.length - 1; i >= 0; i--) {
    const line = toHalfWidth(tail[i]);
    if (!DATE_AT_END.test(line) || line.length > 40) continue;
    const sameLine = line.replace(DATE_AT_END, "").trim();
    const names = sameLine
      ? [cleanAgencyName(sameLine)]
      : tail.slice(Math.max(0, i - 2), i).map((l) => (l.length <= 40 ? cleanAgencyName(l) : null));
    const valid = names.filter((n): n is string => n !== null);
    if (valid.length > 0) return [{ name: valid[valid.length - 1], source: "signature", weight: 2.5 }];
  }
  return [];
}

function collectStatement(text: string): AgencyCandidate[] {
  const found: AgencyCandidate[] = [];
  const joined = text.slice(0, 8000).replace(/\s+/g, "");
  for (const m of joined.matchAll(STATEMENT)) {
    const name = cleanAgencyName(m[1]);
    if (name) found.push({ name: dropCompilingOffice(name), source: "statement", weight: 2 });
  }
  return found.slice(0, 1);
}

/** A file name that is a title ("XX县农业农村局2023年…年报.pdf") or names the agency in brackets. */
function collectFileName(fileName: string | undefined): AgencyCandidate[] {
  if (!fileName) return [];
  const base = fileName.split(/[\\/]/).pop()!.replace(FILE_EXTENSION, "").replace(/[_]+/g, " ");
  const fromTitle = readTitle(base)?.agency;
  const titled = fromTitle ? cleanAgencyName(fromTitle) : null;
  if (titled) return [{ name: titled, source: "fileName", weight: 1.5 }];
  for (const m of base.matchAll(BRACKETED)) {
    const name = cleanAgencyName(m[1]);
    if (name) return [{ name, source: "fileName", weight: 1.5 }];
  }
  return [];
}

/** Every place the report names its author: title, metadata lines, 落款, "本报告由…编制", the file name. */
export function gatherAgencyCandidates(input: {
  titles: string[];
  lines: string[];
  text: string;
  fileName?: string;
}): AgencyCandidate[] {
  return [
    ...collectTitle(input.titles, input.lines),
    ...collectMetadata(input.lines),
    ...collectSignature(input.lines),
    ...collectStatement(input.text),
    ...collectFileName(input.fileName),
  ];
}

/** The report year a file name states, for a document whose text states none. */
export function readFileNameYear(fileName: string | undefined): number | null {
  if (!fileName) return null;
  const base = fileName.split(/[\\/]/).pop()!.replace(FILE_EXTENSION, "");
  return readTitle(base)?.year ?? null;
}
