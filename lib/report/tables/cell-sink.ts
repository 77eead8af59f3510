import { UNDECIDED_CELL } from "../document";
import type { IssueList } from "../issues";
import { parseCell, toHalfWidth } from "../numbers";
import { describeCell, describeCells, describeCellsByRow } from "../official-layout";
import type { Layout } from "../schema";

/** Cells read across the three tables that each issue reports at once, by path. */
export type CellSink = {
  blank: string[];
  unreadable: string[];
  /** Cells a rebuilt text table could not give a number (UNDECIDED_CELL). */
  undecided: string[];
  implied: string[];
  converted: { path: string; yuan: number; wanYuan: number }[];
  /** Cells printing two numbers apart ("7 65"): read as one, and named. */
  spaced: { path: string; printed: string }[];
  /** Negative numbers where only a 增/减 column may be negative: not taken. */
  negative: { path: string; printed: string }[];
};

export function createCellSink(): CellSink {
  return { blank: [], unreadable: [], undecided: [], implied: [], converted: [], spaced: [], negative: [] };
}

/** Appends the entries of `from` whose cell `keep` accepts (a copy of a table read on its own, then taken). */
export function appendCellSink(to: CellSink, from: CellSink, keep: (path: string) => boolean = () => true): void {
  to.blank.push(...from.blank.filter(keep));
  to.unreadable.push(...from.unreadable.filter(keep));
  to.undecided.push(...from.undecided.filter(keep));
  to.implied.push(...from.implied.filter(keep));
  to.converted.push(...from.converted.filter((c) => keep(c.path)));
  to.spaced.push(...from.spaced.filter((c) => keep(c.path)));
  to.negative.push(...from.negative.filter((c) => keep(c.path)));
}

/** A printed cell's value: blank cells count 0, unreadable ones null (both noted); undefined when not printed. */
export function readCell(raw: string | null, path: string, sink: CellSink): number | null | undefined {
  if (raw === null) return undefined;
  if (raw.trim() === UNDECIDED_CELL) {
    sink.undecided.push(path);
    return null;
  }
  const cell = parseCell(raw);
  if (cell.kind === "number") {
    const printed = raw.trim();
    if (cell.value < 0 && !path.endsWith(".change")) {
      sink.negative.push({ path, printed });
      return null;
    }
    // Digits no count reaches are numbers run together that could not be split, not one cell.
    if (Math.abs(cell.value) >= (path.endsWith(".amount") ? 1e12 : 1e8)) {
      sink.unreadable.push(path);
      return null;
    }
    if (/\d[\s\u00a0]+[+-]?\d/.test(toHalfWidth(printed))) sink.spaced.push({ path, printed });
    return cell.value;
  }
  if (cell.kind === "blank") {
    sink.blank.push(path);
    return 0;
  }
  sink.unreadable.push(path);
  return null;
}

export function reportCellSink(sink: CellSink, layout: Layout | null, issues: IssueList): void {
  const { blank, implied, unreadable, undecided, converted, spaced, negative } = sink;
  if (undecided.length > 0) {
    const named = describeCellsByRow(undecided, layout).join("；");
    issues.add(
      "UNDECIDED_CELL",
      "error",
      `数值个数与列数不符或单元格分隔线缺失、错位，无法确定以下单元格的数值，未读取：${named}`,
      undecided,
    );
  }
  if (blank.length > 0) {
    issues.add("BLANK_CELL", "warning", `${blank.length} 个单元格为空白或划线，按 0 计`, blank);
  }
  if (implied.length > 0) {
    issues.add("IMPLIED_VALUE", "warning", `${implied.length} 个合计单元格空白，按同行分项之和填入`, implied);
  }
  if (unreadable.length > 0) {
    issues.add("UNREADABLE_CELL", "error", `${unreadable.length} 个单元格内容无法识别为数字`, unreadable);
  }
  if (negative.length > 0) {
    const notes = negative.map((c) => `${describeCell(c.path, layout)}印为“${c.printed}”`);
    issues.add(
      "NEGATIVE_COUNT",
      "error",
      `数量不能为负数，以下单元格未采用：${notes.join("；")}`,
      negative.map((c) => c.path),
    );
  }
  if (spaced.length > 0) {
    const paths = spaced.map((c) => c.path);
    issues.add(
      "SPACED_DIGITS",
      "warning",
      `${describeCells(paths, layout)}中的数字被空格隔开（如“${spaced[0].printed}”），已连起来读取，请核对原表`,
      paths,
    );
  }
  if (converted.length > 0) {
    const notes = converted.map((c) => `${describeCell(c.path, layout)}：${c.yuan}元→${c.wanYuan}万元`);
    issues.add(
      "UNIT_CONVERTED",
      "info",
      `金额已由元换算为万元：${notes.join("；")}`,
      converted.map((c) => c.path),
    );
  }
}
