import type { TimeBudget } from "../errors";
import type { IssueList } from "../issues";
import { parseCell } from "../numbers";
import { TABLE_NUMBERS } from "../official-layout";
import { REVIEW_BLOCK_KEYS, REVIEW_COLUMNS, type ReviewBlockKey } from "../schema";
import type { AcceptSplit, ColumnSpec } from "../split";
import { type CellSink, readCell } from "./cell-sink";
import { findHeaderColumns, REVIEW_HEADER_WORDS } from "./column-templates";
import type { RowRecord } from "./records";
import { reportResolution } from "./report-resolution";
import { resolveCells, toNumbers } from "./resolve-cells";
import type { Cells } from "./types";

const CELL_COUNT = REVIEW_BLOCK_KEYS.length * REVIEW_COLUMNS.length;
const REVIEW_PATHS = REVIEW_BLOCK_KEYS.flatMap((block) => REVIEW_COLUMNS.map((c) => `${block}.${c}`));

function blockAddsUp(values: number[], block: number): boolean {
  const o = block * REVIEW_COLUMNS.length;
  return values[o] + values[o + 1] + values[o + 2] + values[o + 3] === values[o + 4];
}

/** Whether a split adds up: in each block the four results sum to its 总计 (checked block by block as it grows). */
const acceptsBlockTotals: AcceptSplit = Object.assign(
  (raws: string[]) => {
    const values = toNumbers(raws);
    return REVIEW_BLOCK_KEYS.every((_, block) => blockAddsUp(values, block));
  },
  {
    prefix: (raws: string[]) => {
      const width = REVIEW_COLUMNS.length;
      if (raws.length % width !== 0) return true;
      return blockAddsUp(toNumbers(raws.slice(-width)), 0);
    },
  },
);

/** Table C (表四): its fifteen cells read as one row, whatever lines the table was printed on. */
export function readReview(
  records: RowRecord[],
  issues: IssueList,
  budget: TimeBudget,
  sink: CellSink,
): Partial<Record<ReviewBlockKey, Cells>> {
  const taken: RowRecord[] = [];
  let count = 0;
  let grid = true;
  for (const rec of records) {
    if (count >= CELL_COUNT) break;
    if (rec.label !== rec.context && rec.cells.every((c) => c.trim() === "")) continue;
    taken.push(rec);
    grid &&= rec.grid;
    count += rec.cells.length;
  }
  const out: Partial<Record<ReviewBlockKey, Cells>> = {};
  if (taken.length === 0) {
    // The header is there but no value: every cell was left empty.
    for (const block of REVIEW_BLOCK_KEYS) {
      out[block] = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, readCell("", `${block}.${c}`, sink) ?? 0]));
    }
    return out;
  }
  const merged: RowRecord = {
    label: taken[0].label,
    context: taken[0].context,
    cells: taken.flatMap((r) => r.cells),
    grid,
  } as RowRecord;
  const specs: ColumnSpec[] = Array.from({ length: CELL_COUNT }, () => ({}));
  if (taken.every((r) => r.xs)) merged.xs = taken.flatMap((r) => r.xs as number[]);
  const template = merged.xs ? findHeaderColumns(records, CELL_COUNT, REVIEW_HEADER_WORDS) : undefined;
  const res = resolveCells(merged, specs, acceptsBlockTotals, budget, "right", template);
  const subject = {
    name: TABLE_NUMBERS.review,
    printed: merged.cells,
    paths: REVIEW_PATHS,
    columnCount: CELL_COUNT,
    extraValueCells: [],
  };
  reportResolution(res, subject, issues);
  if (res.status === "ambiguous") {
    for (const block of REVIEW_BLOCK_KEYS) out[block] = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, null]));
    return out;
  }
  REVIEW_BLOCK_KEYS.forEach((block, blockIndex) => {
    const cells: Cells = {};
    const width = REVIEW_COLUMNS.length;
    const raws = res.raws.slice(blockIndex * width, blockIndex * width + width);
    const totalBlank = raws[4] !== null && parseCell(raws[4] as string).kind === "blank";
    const anyPart = raws.slice(0, 4).some((r) => r !== null && parseCell(r).kind === "number");
    REVIEW_COLUMNS.forEach((column, i) => {
      const path = `${block}.${column}`;
      if (column === "total" && totalBlank && anyPart) {
        cells.total = toNumbers(raws.slice(0, 4).map((r) => r ?? "")).reduce((s, x) => s + x, 0);
        sink.implied.push(path);
        return;
      }
      const value = readCell(raws[i], path, sink);
      if (value !== undefined) cells[column] = value;
    });
    if (Object.keys(cells).length > 0) out[block] = cells;
  });
  return out;
}
