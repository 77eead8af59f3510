import type { Item } from "../document";
import { rankLabel } from "../labels";
import { joinItemText, type RowRecord } from "./records";
import { ACTIVE_CANDIDATES, APPLICATION_CANDIDATES } from "./row-candidates";
import type { TableRegion, TableRegions } from "./types";

const MARKS = {
  active: [/第二十条|信息内容|本年制发件数|本年新制作数量|上一年项目数量|本年处理决定数量/, /主动公开政府信息情况/],
  applications: [/申请人情况|勾稽关系|本年新收政府信息公开申请数量|本年度办理结果/, /收到和处理政府信息公开申请/],
  review: [/结果维持|结果纠正|未经复议直接起诉|复议后起诉|尚未审结/, /行政复议.{0,3}行政诉讼/],
} as const;
// Words printed only in a table's header (not in its row labels): where a repeated table starts again.
const HEADER_ONLY = { active: /信息内容|第二十条第/, applications: /申请人情况|勾稽关系/, review: /结果维持/ } as const;
const END_MARK = /存在的主要问题|主要问题及改进|其他需要报告的事项|^[五六][、.．]/;

const compactTexts = new WeakMap<Item[], string[]>();

/** An item's text without whitespace, built once per document: every mark search reads the same texts. */
function compactText(items: Item[], i: number): string {
  let texts = compactTexts.get(items);
  if (!texts) {
    texts = [];
    compactTexts.set(items, texts);
  }
  texts[i] ??= joinItemText(items[i]).replace(/\s+/g, "");
  return texts[i];
}

/** The first item from `after` matching a mark (tried in order) with a row that `verify` accepts within `window` items. */
function findVerifiedMark(
  items: Item[],
  records: RowRecord[],
  marks: readonly RegExp[],
  verify: (r: RowRecord) => boolean,
  after: number,
  window: number,
  admit: (i: number) => boolean = () => true,
): number {
  for (const mark of marks) {
    for (let i = after; i < items.length; i++) {
      if (!mark.test(compactText(items, i))) continue;
      const verified = window === 0 || records.some((r) => r.item >= i && r.item <= i + window && verify(r));
      if (verified && admit(i)) return i;
    }
  }
  return -1;
}

const isActiveRow = (r: RowRecord) => rankLabel(r.label, ACTIVE_CANDIDATES, 0.75).length > 0;
const isApplicationRow = (r: RowRecord) =>
  rankLabel(r.label, APPLICATION_CANDIDATES, 0.75).some((c) => c.key !== "_subtotal");
const hasCells = (r: RowRecord) => r.cells.length > 0;

/** The first-found table set's start items; later copies are searched after them by header words only. */
function findFirstStarts(items: Item[], records: RowRecord[]): [number, number, number] {
  const active = findVerifiedMark(items, records, MARKS.active, isActiveRow, 0, 30);
  let applications = findVerifiedMark(items, records, MARKS.applications, isApplicationRow, Math.max(0, active), 40);
  if (applications < 0 && active >= 0) {
    applications = findVerifiedMark(items, records, MARKS.applications, isApplicationRow, 0, 40);
  }
  const afterOthers = Math.max(0, applications, active);
  let review = findVerifiedMark(items, records, MARKS.review, hasCells, afterOthers, 40);
  // Before the other tables only the header words count: the narrative often says "行政复议和行政诉讼".
  if (review < 0) review = findVerifiedMark(items, records, MARKS.review.slice(0, 1), hasCells, 0, 40);
  // Header words with no value row after them: a table C printed with every cell empty.
  if (review < 0) review = findVerifiedMark(items, records, MARKS.review.slice(0, 1), () => true, afterOthers, 0);
  return [active, applications, review];
}

const MAX_COPIES = 4;

/** The first section heading after `start` that closes the tables (五、存在的主要问题…). */
function endMarkAfter(items: Item[], start: number): number {
  for (let i = start + 1; i < items.length; i++) {
    const item = items[i];
    if (item.kind === "text" && END_MARK.test(item.text.replace(/\s+/g, ""))) return i;
  }
  return items.length;
}

/**
 * A table printed again later (an annex, a re-rendered page): its header words and a row of its own, after rows of
 * its previous copy or after the section heading that closed it.
 */
function findLaterStart(items: Item[], records: RowRecord[], table: number, after: number, last: number): number {
  const admit = (s: number) =>
    records.some((r) => r.item > last && r.item < s && r.cells.some((c) => /\d/.test(c))) ||
    endMarkAfter(items, last) < s;
  if (table === 0) return findVerifiedMark(items, records, MARKS.active.slice(0, 1), isActiveRow, after, 30, admit);
  if (table === 1) {
    return findVerifiedMark(items, records, MARKS.applications.slice(0, 1), isApplicationRow, after, 40, admit);
  }
  return findVerifiedMark(items, records, MARKS.review.slice(0, 1), hasCells, after, 40, admit);
}

/**
 * Every printed set of the three tables, first the one the narrative introduces. A table starts again where its
 * header words come back after its rows (body and annex, a page printed twice).
 */
export function locateTableSets(items: Item[], records: RowRecord[]): TableRegions[] {
  const sets: [number, number, number][] = [findFirstStarts(items, records)];
  for (let k = 1; k < MAX_COPIES; k++) {
    const previous = sets[k - 1];
    if (previous.every((s) => s < 0)) break;
    const after = Math.max(...previous) + 1;
    const starts = [0, 1, 2].map((t) => {
      const before = sets.map((set) => set[t]).filter((x) => x >= 0);
      return findLaterStart(items, records, t, after, before.length > 0 ? Math.max(...before) : -1);
    }) as [number, number, number];
    if (starts.every((s) => s < 0)) break;
    sets.push(starts);
  }
  const allStarts = sets.flat().filter((s) => s >= 0);
  const regionFrom = (start: number): TableRegion | null => {
    if (start < 0) return null;
    let end = items.length;
    for (const other of allStarts) if (other > start && other < end) end = other;
    for (let i = start + 1; i < end; i++) {
      const item = items[i];
      if (item.kind === "text" && END_MARK.test(item.text.replace(/\s+/g, ""))) {
        end = i;
        break;
      }
    }
    return { start, end };
  };
  return sets.map(([active, applications, review]) => ({
    active: regionFrom(active),
    applications: regionFrom(applications),
    review: regionFrom(review),
  }));
}

export function locateTables(items: Item[], records: RowRecord[]): TableRegions {
  return locateTableSets(items, records)[0];
}

/**
 * A region cut where the table's header words come back after rows with numbers: a table printed twice in a row,
 * or (2021 表二) one header per section; which pieces are copies is decided by the rows they repeat.
 */
export function splitAtHeaders(
  items: Item[],
  records: RowRecord[],
  region: TableRegion,
  table: keyof typeof MARKS,
): TableRegion[] {
  const out: TableRegion[] = [];
  let start = region.start;
  let numbersSince = false;
  let next = 0;
  while (next < records.length && records[next].item <= region.start) next++;
  for (let i = region.start + 1; i < region.end; i++) {
    while (next < records.length && records[next].item < i) {
      const cells = records[next].cells;
      if (cells.length >= 2 || cells.some((c) => /\d/.test(c))) numbersSince = true;
      next++;
    }
    if (!numbersSince || !HEADER_ONLY[table].test(compactText(items, i))) continue;
    out.push({ start, end: i });
    start = i;
    numbersSince = false;
  }
  out.push({ start, end: region.end });
  return out;
}
