import { type Item, UNDECIDED_CELL } from "../document";
import type { TimeBudget } from "../errors";
import { rankLabel } from "../labels";
import { isBlankMarker, parseCell } from "../numbers";
import { ACTIVE_ROWS, type Layout } from "../schema";
import { ACTIVE_HEADER_WORDS, APPLICANT_HEADER_WORDS } from "../tables/column-templates";
import { ACTIVE_CANDIDATES, APPLICATION_CANDIDATES } from "../tables/row-candidates";
import { matchCompleteLabel } from "./active-cell-rows";
import { holdsSeveralCells, type LineCell } from "./cell-stream";

type Label = { texts: string[]; width: number };
type Run = { start: number; labelStart: number; valueStart: number; end: number };

const isSubRow = (text: string) => /^\s*1\s*[.．、]/.test(text);

/** Table 三's labels from its first row (一、本年新收…) to the run's end; each row with the group cells above it. */
function readApplicationLabels(texts: string[], orgSubtotal: boolean): { labels: Label[]; from: number } | null {
  const first = texts.findIndex(
    (t) => !APPLICANT_HEADER_WORDS.test(t) && rankLabel(t, APPLICATION_CANDIDATES, 0.75)[0]?.key === "received",
  );
  if (first < 0) return null;
  const labels: Label[] = [];
  let groups: string[] = [];
  for (let i = first; i < texts.length; i++) {
    const top = rankLabel(texts[i], APPLICATION_CANDIDATES, 0.75)[0];
    if (!top) return null;
    const subtotal = top.key === "_subtotal" && /小计|合计/.test(texts[i]);
    const group = (top.key === "_subtotal" && !subtotal) || (i + 1 < texts.length && isSubRow(texts[i + 1]));
    if (group) groups.push(texts[i]);
    else {
      labels.push({ texts: [...groups, texts[i]], width: orgSubtotal ? 8 : 7 });
      groups = [];
    }
  }
  return { labels, from: first };
}

/** Table 一's row labels ending a run of text cells, after the section's header words. */
function readActiveLabels(texts: string[], layout: Layout): { labels: Label[]; from: number } {
  const labels: Label[] = [];
  let from = texts.length;
  for (let i = texts.length - 1; i >= 0; i--) {
    const text = texts[i];
    if (ACTIVE_HEADER_WORDS.test(text)) break;
    const active =
      matchCompleteLabel(text) ??
      (rankLabel(text, ACTIVE_CANDIDATES, 0.75)[0] && /^其他对外/.test(text) ? "otherServices" : null);
    const sub = /^其中/.test(text);
    if (!active && !sub) break;
    const width = active && !sub ? ACTIVE_ROWS[active].columns[layout].length : (labels[0]?.width ?? 0);
    labels.unshift({ texts: [text], width });
    from = i;
  }
  return { labels, from };
}

function readTrailingLabels(
  texts: string[],
  layout: Layout | null,
  orgSubtotal: boolean,
): { labels: Label[]; from: number } {
  return (
    readApplicationLabels(texts, orgSubtotal) ?? (layout ? readActiveLabels(texts, layout) : { labels: [], from: 0 })
  );
}

/**
 * A PDF text layer read without layout: a table's row labels all first, then each column's numbers top to
 * bottom. Rows are rebuilt when the numbers fill the columns exactly (or are 自然人 = 总计 pairs with the
 * organisation columns blank); otherwise the rows' cells are unplaced.
 */
export function rebuildColumnMajor(
  cells: LineCell[],
  layout: Layout | null,
  orgSubtotal: boolean,
  budget: TimeBudget,
): { start: number; end: number; items: Item[] }[] {
  // start and end: the first and last line the table's labels and numbers stand on.
  const out: { start: number; end: number; items: Item[] }[] = [];
  let i = 0;
  while (i < cells.length) {
    budget.check();
    const start = i;
    while (i < cells.length && !cells[i].value) i++;
    const valueStart = i;
    while (i < cells.length && cells[i].value) i++;
    if (valueStart === start || i === valueStart) {
      if (i === start) i++;
      continue;
    }
    if (valueStart - start < 2 || cells.slice(valueStart, i).every((c) => c.text === "")) continue;
    // A table's labels are a few dozen lines at most.
    const run: Run = { start: Math.max(start, valueStart - 120), labelStart: start, valueStart, end: i };
    const texts = cells.slice(run.start, run.valueStart).map((c) => c.text);
    const { labels, from } = readTrailingLabels(texts, layout, orgSubtotal);
    // Only text printed one cell per line: a line holding a label and its numbers is a row of its own.
    if (texts.slice(from).some(holdsSeveralCells)) continue;
    const widths = new Set(labels.map((l) => l.width));
    const width = labels[0]?.width ?? 0;
    const values = cells.slice(run.valueStart, run.end).map((c) => c.text);
    while (values.length > labels.length * width && values.at(-1) === "") values.pop();
    if (labels.length < 2 || widths.size !== 1 || width < 1 || values.length > labels.length * width) continue;
    run.labelStart = run.start + from;
    const printed = cells.slice(run.labelStart, run.end).filter((c) => c.text !== "");
    out.push({
      start: printed[0].line,
      end: printed[printed.length - 1].line,
      items: placeColumns(labels, values, width),
    });
  }
  return out;
}

function addsUp(cells: string[]): boolean {
  const value = (raw: string) => {
    const cell = parseCell(raw);
    return cell.kind === "number" ? cell.value : 0;
  };
  const parts = cells.slice(0, 6).reduce((sum, raw) => sum + value(raw), 0);
  return value(cells[cells.length - 1]) === parts;
}

function placeColumns(labels: Label[], values: string[], width: number): Item[] {
  const n = labels.length;
  const row = (label: Label, cells: string[]): Item => ({ kind: "row", labels: label.texts, cells, grid: true });
  if (values.length === n * width) {
    const grid = labels.map((_, r) => Array.from({ length: width }, (_, c) => values[c * n + r]));
    // A count that fits by chance: table 三's rows must mostly add up (总计 = 自然人 + the organisations).
    const unbalanced = width >= 7 ? grid.filter((cells) => !addsUp(cells)).length : 0;
    if (unbalanced <= 1) return labels.map((label, r) => row(label, grid[r]));
  }
  // Empty cells print nothing: only 自然人 and 总计 left, equal row by row, leave the organisations blank.
  const pairs = width >= 7 && values.length === 2 * n && labels.every((_, r) => values[r] === values[n + r]);
  if (pairs) return labels.map((label, r) => row(label, [values[r], ...Array(width - 2).fill(""), values[n + r]]));
  // Counts are never negative and totals sum their parts: when every printed number is 0, so is every cell.
  if (values.length < n * width && values.every((v) => /^[\s0０.．]*$/.test(v) || isBlankMarker(v))) {
    return labels.map((label) => row(label, Array(width).fill("")));
  }
  return labels.map((label) => row(label, Array(width).fill(UNDECIDED_CELL)));
}
