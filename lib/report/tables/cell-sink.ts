import { UNPLACED_CELL } from "../document";
import type { IssueList } from "../issues";
import { parseCell } from "../numbers";
import { describeCell, describeCellsByRow } from "../official-layout";
import type { Layout } from "../schema";

/** Cells read across the three tables that each issue reports at once, by path. */
export type CellSink = {
  blank: string[];
  unreadable: string[];
  implied: string[];
  converted: { path: string; yuan: number; wanYuan: number }[];
  unplaced: string[];
  negative: string[];
};

export function createCellSink(): CellSink {
  return { blank: [], unreadable: [], implied: [], converted: [], unplaced: [], negative: [] };
}

/** A printed cell's value: blank cells count 0, unreadable ones null (both noted); undefined when not printed. */
export function readCell(raw: string | null, path: string, sink: CellSink): number | null | undefined {
  if (raw === null) return undefined;
  if (raw === UNPLACED_CELL) {
    sink.unplaced.push(path);
    return null;
  }
  const cell = parseCell(raw);
  // Only a change (本年增/减) may be negative: a negative count or amount is a number read into the wrong cell.
  if (cell.kind === "number" && cell.value < 0 && !path.endsWith(".change")) {
    sink.negative.push(path);
    return null;
  }
  if (cell.kind === "number") return cell.value;
  if (cell.kind === "blank") {
    sink.blank.push(path);
    return 0;
  }
  sink.unreadable.push(path);
  return null;
}

export function reportCellSink(sink: CellSink, layout: Layout | null, issues: IssueList): void {
  const { blank, implied, unreadable, converted, unplaced, negative } = sink;
  if (unplaced.length > 0) {
    const named = describeCellsByRow(unplaced, layout).join("；");
    issues.add("CELL_UNPLACED", "error", `数值个数与列数不符，无法确定以下单元格的数值，未读取：${named}`, unplaced);
  }
  if (negative.length > 0) {
    const named = describeCellsByRow(negative, layout).join("；");
    issues.add("NEGATIVE_COUNT", "error", `数量不可能为负数，以下单元格不予采用：${named}`, negative);
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
