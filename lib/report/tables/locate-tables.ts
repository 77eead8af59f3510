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
const END_MARK = /存在的主要问题|主要问题及改进|其他需要报告的事项|^[五六][、.．]/;

/** Each item's text without whitespace, built on first use: every mark search below reads the same texts. */
function compactTexts(items: Item[]): (i: number) => string {
  const texts: string[] = [];
  return (i) => (texts[i] ??= joinItemText(items[i]).replace(/\s+/g, ""));
}

/** The first item from `after` matching a mark (tried in order) with a row that `verify` accepts within `window` items. */
function findVerifiedMark(
  items: Item[],
  textAt: (i: number) => string,
  records: RowRecord[],
  marks: readonly RegExp[],
  verify: (r: RowRecord) => boolean,
  after: number,
  window: number,
): number {
  for (const mark of marks) {
    for (let i = after; i < items.length; i++) {
      if (!mark.test(textAt(i))) continue;
      const verified = window === 0 || records.some((r) => r.item >= i && r.item <= i + window && verify(r));
      if (verified) return i;
    }
  }
  return -1;
}

const isActiveRow = (r: RowRecord) => rankLabel(r.label, ACTIVE_CANDIDATES, 0.75).length > 0;
const isApplicationRow = (r: RowRecord) =>
  rankLabel(r.label, APPLICATION_CANDIDATES, 0.75).some((c) => c.key !== "_subtotal");
const hasCells = (r: RowRecord) => r.cells.length > 0;

export function locateTables(items: Item[], records: RowRecord[]): TableRegions {
  const t = compactTexts(items);
  const active = findVerifiedMark(items, t, records, MARKS.active, isActiveRow, 0, 30);
  let applications = findVerifiedMark(items, t, records, MARKS.applications, isApplicationRow, Math.max(0, active), 40);
  if (applications < 0 && active >= 0) {
    applications = findVerifiedMark(items, t, records, MARKS.applications, isApplicationRow, 0, 40);
  }
  const afterOthers = Math.max(0, applications, active);
  let review = findVerifiedMark(items, t, records, MARKS.review, hasCells, afterOthers, 40);
  // Before the other tables only the header words count: the narrative often says "行政复议和行政诉讼".
  if (review < 0) review = findVerifiedMark(items, t, records, MARKS.review.slice(0, 1), hasCells, 0, 40);
  // Header words with no value row after them: a table C printed with every cell empty.
  if (review < 0) review = findVerifiedMark(items, t, records, MARKS.review.slice(0, 1), () => true, afterOthers, 0);
  const starts = [active, applications, review].filter((s) => s >= 0);
  const regionFrom = (start: number): TableRegion | null => {
    if (start < 0) return null;
    let end = items.length;
    for (const other of starts) if (other > start && other < end) end = other;
    for (let i = start + 1; i < end; i++) {
      const item = items[i];
      if (item.kind === "text" && END_MARK.test(item.text.replace(/\s+/g, ""))) {
        end = i;
        break;
      }
    }
    return { start, end };
  };
  return { active: regionFrom(active), applications: regionFrom(applications), review: regionFrom(review) };
}
