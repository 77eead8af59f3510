import type { Layout } from "@/lib/report/schema";
import { addDeviation } from "./expected";
import { formatWan, formatYuan, groupThousands, toFullWidth } from "./format-value";
import type { MessPlan, ZeroMark } from "./mess-plan";
import type { GeneratedReport } from "./random-report";
import type { Rng } from "./rng";
import type { CellExpectation, Deviation, DocCell, TableId, ValueKind } from "./types";

/** The state of one document being laid out: its plan, the ground truth so far and the printed value cells. */
export type Builder = {
  rng: Rng;
  report: GeneratedReport;
  layout: Layout;
  plan: MessPlan;
  cells: Record<string, CellExpectation>;
  deviations: Deviation[];
  valueCells: Map<string, DocCell>;
};

const YUAN_NOTES = {
  "yuan-cell": "单元格金额以元为单位，应换算为万元",
  "yuan-header": "表头单位为元，应换算为万元",
} as const;

/** A value as the plan prints it (full-width, separators, 元, a mark for zero), noting each deviation on `path`. */
export function formatNumber(
  b: Builder,
  value: number,
  kind: ValueKind,
  path: string | undefined,
  zero?: ZeroMark,
): string {
  const { plan } = b;
  if (value === 0 && zero) {
    if (path) {
      if (zero.mark === "") addDeviation(b, "zero-blank", [path], "required", "空白单元格按0计");
      else addDeviation(b, "zero-mark", [path], "optional", `“${zero.mark}”表示0`);
    }
    return zero.mark;
  }
  let text: string;
  let suffix = "";
  if (kind === "money") {
    const isProcurement = path?.startsWith("active.procurement") ?? false;
    if (plan.money === "yuan-cell" || plan.money === "yuan-header") {
      text = formatYuan(value);
      if (plan.money === "yuan-cell") suffix = "元";
      const issue = value === 0 ? "optional" : "required";
      if (path) addDeviation(b, `money-${plan.money}`, [path], issue, YUAN_NOTES[plan.money]);
    } else {
      text = formatWan(value, isProcurement && plan.procurementFourDecimals ? 4 : undefined);
    }
  } else {
    text = String(Math.abs(value));
  }
  if (plan.thousands && /^\d{4,}/.test(text)) {
    text = groupThousands(text);
    if (path) addDeviation(b, "thousands-separator", [path], "optional", "千位分隔符");
  }
  if (value < 0) text = `-${text}`;
  else if (kind === "signed" && value > 0 && plan.plusSign) {
    text = `+${text}`;
    if (path) addDeviation(b, "plus-sign", [path], "optional", "带“+”号的增减数");
  }
  if (plan.fullWidth) {
    text = toFullWidth(text);
    if (path) addDeviation(b, "full-width-digits", [path], "optional", "全角数字");
  }
  return text + suffix;
}

function pickZeroMark(b: Builder, table: TableId, column?: string): ZeroMark | undefined {
  const zero = b.plan.zeroMarks[table];
  if (!zero) return undefined;
  if (zero.scope === "orgColumns") {
    return column && column !== "natural" && column !== "total" ? zero : undefined;
  }
  if (zero.scope === "some") return b.rng.chance(0.2) ? zero : undefined;
  return zero;
}

/** The printed cell of report cell `path`, registered so that later deviations can reprint it. */
export function buildValueCell(
  b: Builder,
  table: TableId,
  path: string,
  kind: ValueKind,
  column: string,
  colSpan = 1,
): DocCell {
  const value = b.cells[path]?.value ?? 0;
  const cell: DocCell = {
    text: formatNumber(b, value, kind, path, pickZeroMark(b, table, column)),
    role: "value",
    path,
    kind,
  };
  if (colSpan > 1) cell.colSpan = colSpan;
  b.valueCells.set(path, cell);
  return cell;
}

/** A printed cell holding a number that is not itself a report cell (a 小计), formatted like its neighbours. */
export function buildDerivedCell(b: Builder, table: TableId, value: number, column: string): DocCell {
  return {
    text: formatNumber(b, value, "count", undefined, pickZeroMark(b, table, column)),
    role: "value",
    kind: "count",
  };
}
