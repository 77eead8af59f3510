import type { TimeBudget } from "../errors";
import { isValueLike, toHalfWidth } from "../numbers";

/** One printed cell of a one-cell-per-line table: its text ("" for an empty cell) and the line it stands on. */
export type LineCell = { text: string; line: number; value: boolean };

/** Whether blank lines only separate lines (every line followed by one), as in the double-spaced flattenings. */
export function isDoubleSpaced(lines: string[]): boolean {
  let adjacent = 0;
  let nonEmpty = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    nonEmpty++;
    if (i + 1 < lines.length && lines[i + 1].trim()) adjacent++;
  }
  return nonEmpty > 4 && adjacent / nonEmpty < 0.15;
}

/** Lines [start, end) as cells: single-spaced, an empty line is an empty cell; double-spaced, a run of three is. */
export function readLineCells(
  lines: string[],
  start: number,
  end: number,
  doubleSpaced: boolean,
  budget: TimeBudget,
): LineCell[] {
  const cells: LineCell[] = [];
  let run = 0;
  for (let i = start; i < end; i++) {
    budget.check();
    const text = lines[i].trim();
    if (!text) {
      run++;
      continue;
    }
    const empties = doubleSpaced ? Math.floor((run - 1) / 2) : run;
    for (let j = 0; j < empties && cells.length > 0; j++) cells.push({ text: "", line: i, value: true });
    run = 0;
    cells.push({ text, line: i, value: isValueLike(text) });
  }
  const empties = doubleSpaced ? Math.floor((run - 1) / 2) : run;
  for (let j = 0; j < empties && cells.length > 0; j++) cells.push({ text: "", line: end - 1, value: true });
  return cells;
}

/** A line that holds a label and a number, or two numbers: the table is not one cell per line there. */
export function holdsSeveralCells(line: string): boolean {
  const chunks = toHalfWidth(line)
    .trim()
    .split(/[\s\u00a0]+/);
  return chunks.length >= 2 && chunks.some((c) => isValueLike(c) && c !== "");
}
