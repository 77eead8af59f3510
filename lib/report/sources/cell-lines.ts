import type { Item } from "../document";
import type { TimeBudget } from "../errors";
import { detectLayoutFromHeaders } from "../tables/detect-layout";
import { rebuildActiveRows } from "./active-cell-rows";
import { holdsSeveralCells, isDoubleSpaced, readLineCells } from "./cell-stream";
import { rebuildColumnMajor } from "./column-major";

/** "text |": one cell ending in its only pipe (checked without a backtracking pattern: flattened lines run long). */
function isPipeCell(t: string): boolean {
  return t.endsWith("|") && t.indexOf("|") === t.length - 1 && /[^\s|]/.test(t);
}
const BARE_PIPE = /^\|$/;

/**
 * Crawler text that writes each table cell on its own line, ending in " |", with an empty cell as a bare "|":
 * the plain form (one cell per line, an empty line for an empty cell). Blank lines there only separate cells.
 * Other text comes back unchanged.
 */
export function normaliseCellLines(lines: string[]): string[] {
  let pipeCells = 0;
  let barePipes = 0;
  for (const line of lines) {
    const t = line.trim();
    if (BARE_PIPE.test(t)) barePipes++;
    else if (isPipeCell(t)) pipeCells++;
  }
  if (pipeCells < 10 && barePipes < 3) return lines;
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t === "") continue;
    if (BARE_PIPE.test(t)) out.push("");
    else if (isPipeCell(t)) out.push(t.slice(0, -1).trimEnd());
    else out.push(line);
  }
  return out;
}

/** Table rows rebuilt from one-cell-per-line text, by line: the first line of a table gets its items, the rest null. */
export type RebuiltLines = Map<number, Item[] | null>;

const ACTIVE_START = /第二十条第|本年新制作数量|本年制发件数|上一年项目数量/;
const ACTIVE_END = /收到和处理政府信息公开申请|申请人情况|本年新收政府信息公开申请|^[三四五][、.．]/;

/** Where table A stands in the lines, if it is printed one cell per line: [start, end). */
function findActiveRun(lines: string[]): { start: number; end: number } | null {
  const heading = lines.findIndex((l) => /主动公开政府信息情况/.test(l));
  const start = lines.findIndex((l, i) => i > heading && ACTIVE_START.test(l.replace(/\s+/g, "")));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !ACTIVE_END.test(lines[end].trim())) end++;
  let values = 0;
  for (let i = start; i < end; i++) {
    if (lines[i].includes("\t") || holdsSeveralCells(lines[i])) return null;
    if (/^\s*[+\-−]?\d/.test(lines[i])) values++;
  }
  return values >= 4 ? { start, end } : null;
}

/** Tables printed one cell per line, rebuilt row by row from the official layout's column counts. */
export function rebuildCellTables(
  lines: string[],
  budget: TimeBudget,
  doubleSpaced = isDoubleSpaced(lines),
): RebuiltLines {
  const rebuilt: RebuiltLines = new Map();
  const layout = detectLayoutFromHeaders(lines.join(" "));
  const orgSubtotal = lines.some((l) => l.trim() === "小计");
  for (const table of rebuildColumnMajor(
    readLineCells(lines, 0, lines.length, doubleSpaced, budget),
    layout,
    orgSubtotal,
    budget,
  )) {
    rebuilt.set(table.start, table.items);
    for (let i = table.start + 1; i <= table.end; i++) rebuilt.set(i, null);
  }
  if (rebuilt.size > 0) return rebuilt;
  const active = findActiveRun(lines);
  if (active) {
    const layout = detectLayoutFromHeaders(lines.slice(active.start, active.end).join(" "));
    if (layout) {
      const cells = readLineCells(lines, active.start, active.end, doubleSpaced, budget);
      rebuilt.set(active.start, rebuildActiveRows(cells, layout));
      for (let i = active.start + 1; i < active.end; i++) rebuilt.set(i, null);
    }
  }
  return rebuilt;
}
