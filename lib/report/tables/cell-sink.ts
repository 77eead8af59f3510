import { UNDECIDED_CELL } from "../document";
import type { IssueList } from "../issues";
import { parseCell } from "../numbers";
import { describeCell } from "../official-layout";
import type { Layout } from "../schema";

/** Cells read across the three tables that each issue reports at once, by path. */
export type CellSink = {
  blank: string[];
  unreadable: string[];
  /** Cells of a text table whose place a lost `|` left undecided. */
  undecided: string[];
  implied: string[];
  converted: { path: string; yuan: number; wanYuan: number }[];
};

export function createCellSink(): CellSink {
  return { blank: [], unreadable: [], undecided: [], implied: [], converted: [] };
}

/** A printed cell's value: blank cells count 0, unreadable ones null (both noted); undefined when not printed. */
export function readCell(raw: string | null, path: string, sink: CellSink): number | null | undefined {
  if (raw === null) return undefined;
  if (raw.trim() === UNDECIDED_CELL) {
    sink.undecided.push(path);
    return null;
  }
  const cell = parseCell(raw);
  if (cell.kind === "number") return cell.value;
  if (cell.kind === "blank") {
    sink.blank.push(path);
    return 0;
  }
  sink.unreadable.push(path);
  return null;
}

export function reportCellSink(sink: CellSink, layout: Layout | null, issues: IssueList): void {
  const { blank, implied, unreadable, undecided, converted } = sink;
  if (blank.length > 0) {
    issues.add("BLANK_CELL", "warning", `${blank.length} 个单元格为空白或划线，按 0 计`, blank);
  }
  if (implied.length > 0) {
    issues.add("IMPLIED_VALUE", "warning", `${implied.length} 个合计单元格空白，按同行分项之和填入`, implied);
  }
  if (unreadable.length > 0) {
    issues.add("UNREADABLE_CELL", "error", `${unreadable.length} 个单元格内容无法识别为数字`, unreadable);
  }
  if (undecided.length > 0) {
    const names = undecided.map((path) => describeCell(path, layout)).join("、");
    issues.add(
      "UNDECIDED_CELL",
      "error",
      `表格文本中单元格分隔线缺失或错位，无法确定以下单元格的数值：${names}`,
      undecided,
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
