import { UNDECIDED_CELL } from "../document";
import { isValueLike, parseCell, toHalfWidth } from "../numbers";
import { gridTablesToPipeRows } from "./markdown-grid-tables";
import { type ColumnEquation, deriveEquations, fitShortValues, holdsTwoNumbers } from "./markdown-short-row";

const HAS_WORD = /[\u3400-\u9fffA-Za-z]/;
const SEPARATOR_CELL = /^\s*:?-{2,}:?\s*$/;

// "无无": two cells printed 无 (zero) run together, no label.
const isLabel = (cell: string) =>
  HAS_WORD.test(cell) && !isValueLike(cell) && !/^(无\s*){2}$/.test(cell) && !holdsTwoNumbers(cell);
const isSeparator = (cells: string[]) =>
  cells.some((c) => SEPARATOR_CELL.test(c)) && cells.every((c) => SEPARATOR_CELL.test(c) || c === "");

/** Bold marks, line breaks and escaped pipes inside a row: converters' markup, never part of a report's cell. */
function cleanRowMarkup(line: string): string {
  return line
    .replace(/\\\|/g, "")
    .replace(/\*\*([^*]*)\*\*/g, "$1")
    .replace(/<br\s*\/?>/gi, "");
}

/** A row's cells; without outer pipes, a leading or trailing `|` is an empty cell, so `width` picks the reading. */
function splitCells(line: string, outerPipes: boolean, width: number | null): string[] {
  const t = line.trim();
  const readings = [
    outerPipes ? t.replace(/^\|/, "").replace(/\|$/, "") : t,
    t.replace(/^\|/, "").replace(/\|$/, ""),
    t,
    t.replace(/^\|/, ""),
    t.replace(/\|$/, ""),
  ].map((inner) => inner.split("|").map((c) => c.trim()));
  return outerPipes ? readings[0] : (readings.find((cells) => cells.length === width) ?? readings[0]);
}

/** Label cells before a row's first value (a line holding two rows has more labels after it). */
function leadingLabels(cells: string[]): number {
  const first = cells.findIndex((c) => c !== "" && !isLabel(c));
  return labelEnd(first < 0 ? cells : cells.slice(0, first));
}

/** Index just past the last label cell. */
function labelEnd(cells: string[]): number {
  let last = -1;
  cells.forEach((c, i) => {
    if (isLabel(c)) last = i;
  });
  return last + 1;
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? 0;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0) || (n === counts.get(best) && v > best)) best = v;
  return best;
}

type Block = {
  rows: string[][];
  columns: number;
  labels: number;
  equations: ColumnEquation[];
  /** Value columns a header span covers after its first: a converter prints them empty. */
  spanned: boolean[];
  header: Set<string>;
  headerRows: string[][];
};

const signature = (cells: string[]) => cells.join("|").replace(/\s+/g, "");

/** The table's shape: column count from its separator or most rows, label columns, header words, arithmetic. */
function describeBlock(printed: string[][], separatorWidth: number | null): Block {
  const rows = printed.filter((r) => !isSeparator(r));
  const columns = separatorWidth ?? mode(rows.map((r) => r.length));
  const hasValues = (r: string[]) => r.some((c) => c !== "" && !isLabel(c));
  const firstData = rows.findIndex((r) => r.length >= columns - 1 && hasValues(r));
  const headerRows = firstData < 0 ? rows : rows.slice(0, firstData);
  const labels = Math.min(columns - 1, Math.max(0, ...rows.filter(hasValues).map(leadingLabels)));
  return {
    rows,
    columns,
    labels,
    ...readHeaderShape(headerRows, columns, labels),
    header: new Set(headerRows.map(signature)),
    headerRows,
  };
}

/** What a group of header rows says of the value columns: their arithmetic, and which ones a span covers. */
function readHeaderShape(
  headerRows: string[][],
  columns: number,
  labels: number,
): Pick<Block, "equations" | "spanned"> {
  const headers = Array.from({ length: columns - labels }, (_, j) =>
    headerRows
      .filter((r) => r.length === columns)
      .map((r) => r[labels + j])
      .join(""),
  );
  return {
    equations: deriveEquations(headers),
    spanned: headers.map((h, j) => j > 0 && headerRows.length > 0 && (h === "" || h === headers[j - 1])),
  };
}

/** A line that could be a table row printed without its pipes: label words, then values only. */
function isPlainRow(line: string): boolean {
  const tokens = line.trim().split(/\s+/);
  const first = tokens.findIndex(isNumberToken);
  if (first < 0 || line.length > 200 || !tokens.slice(first).every((t) => isValueLike(t))) return false;
  return first > 0 ? isLabel(tokens[0]) : tokens.length >= 2;
}

// Blank markers count: a plain row is taken only next to the table's pipe rows.
const isNumberToken = (t: string) => isValueLike(t) && (/\d/.test(toHalfWidth(t)) || parseCell(t).kind === "blank");

/** A row printed as plain text inside a table: its label words, then its values. */
function plainRowCells(line: string, block: Block): string[] | null {
  const tokens = line.trim().split(/\s+/);
  const first = tokens.findIndex(isNumberToken);
  if (first < 0) return null;
  const values = tokens.slice(first);
  if (!values.every((t) => isValueLike(t))) return null;
  const label = tokens.slice(0, first).join(" ");
  const width = label ? Math.max(1, block.labels) : block.labels;
  const count = block.columns - width;
  const labels = width === 0 ? [] : [label, ...Array(width - 1).fill("")];
  if (values.length >= count) return [...labels, ...values];
  // Empty cells leave no trace in plain text: the row's arithmetic and the header's spans say where values go.
  const shape = width === block.labels ? block : readHeaderShape(block.headerRows, block.columns, width);
  return [...labels, ...fitShortValues(values, count, shape.equations, shape.spanned, true)];
}

/** Splits a line holding two rows at the second row's label. */
function splitMerged(cells: string[], block: Block): string[][] {
  const n = block.columns;
  if (cells.length === 2 * n) return [cells.slice(0, n), cells.slice(n)];
  for (let j = block.labels + 1; j < cells.length; j++) {
    const before = cells.slice(0, j);
    if (!isLabel(cells[j]) || isLabel(cells[j - 1]) || !before.slice(labelEnd(before)).some((c) => c !== "")) continue;
    const first = [...before];
    const second = cells.slice(j);
    while (first.length > n && first[first.length - 1] === "") {
      first.pop();
      if (second.length < n) second.unshift("");
    }
    return [first, second];
  }
  return [cells];
}

/** A row one cell short: labels kept, its value cells fitted. */
function fitShortRow(cells: string[], block: Block): string[] {
  const count = block.columns - block.labels;
  const own = labelEnd(cells);
  if (own > block.labels) return cells;
  const labelArea = cells.slice(0, block.labels);
  // The lost `|` may sit between label cells: then every value is still there, right-aligned.
  if (own < block.labels && cells[block.labels - 1] !== "" && !isLabel(cells[block.labels - 1] ?? "x")) {
    return [...cells.slice(0, block.labels - 1), "", ...cells.slice(block.labels - 1)];
  }
  return [...labelArea, ...fitShortValues(cells.slice(block.labels), count, block.equations, block.spanned)];
}

/** Marks value cells holding two numbers a space apart: read whole, they would make one wrong number. */
function markGluedNumbers(cells: string[], block: Block): string[] {
  return cells.map((c, i) => (i >= block.labels && holdsTwoNumbers(c) ? UNDECIDED_CELL : c));
}

function repairRows(block: Block): string[][] {
  const n = block.columns;
  const out: string[][] = [];
  let seenData = false;
  let seenSeparator = false;
  let group: string[][] = [];
  let shape: Block = block;
  const rows = block.rows;
  for (let i = 0; i < rows.length; i++) {
    let cells = rows[i];
    if (isSeparator(cells)) {
      if (!seenSeparator) out.push(cells);
      seenSeparator = true;
      continue;
    }
    if (seenData && block.header.has(signature(cells))) continue;
    if (cells.length === n && labelEnd(cells) > block.labels && !cells.slice(labelEnd(cells)).some((c) => c !== "")) {
      // Header rows inside the table start a section with its own columns.
      group.push(cells);
      shape = { ...block, ...readHeaderShape(group, n, block.labels) };
      out.push(cells);
      continue;
    }
    group = [];
    const next = rows[i + 1];
    const nextIsValues = next !== undefined && labelEnd(next) === 0 && !isSeparator(next);
    if (cells.length < n && nextIsValues) {
      const hasValues = cells.slice(labelEnd(cells)).some((c) => c !== "");
      if (!hasValues && labelEnd(cells) > 0 && cells.length + next.length !== n) {
        const labels = cells.slice(0, labelEnd(cells));
        const width = Math.max(1, block.labels);
        const kept = labels.length > width ? labels.filter((c) => c !== "").slice(0, width) : labels;
        cells = [...kept, ...Array(Math.max(0, width - kept.length)).fill(""), ...next];
        i++;
      } else if (cells.length + next.length === n || cells.length + next.length === n - 1) {
        cells = [...cells, ...next];
        i++;
      }
    }
    const parts = cells.length > n ? splitMerged(cells, block) : [cells];
    for (const part of parts) {
      let fixed = part;
      if (part.length === n - 1 && n - block.labels >= 2) fixed = fitShortRow(part, shape);
      fixed = markGluedNumbers(fixed, block);
      if (fixed.length === n && fixed.slice(labelEnd(fixed)).some((c) => c !== "")) seenData = true;
      out.push(fixed);
    }
  }
  return out;
}

function isPipeLine(line: string): boolean {
  if (!line.includes("|")) return false;
  const t = line.trim();
  return (t.length > 2 && t.startsWith("|") && t.endsWith("|")) || t.replace(/^\||\|$/g, "").includes("|");
}

/**
 * Pipe tables as OCR tools and converters leave them, repaired before they become items: rows merged onto one
 * line split again, rows split over two lines joined, a lost `|` restored where the row decides it (else the cell
 * is marked undecided), repeated header rows dropped, rows printed as plain text put back in the grid.
 */
export function repairMarkdownTables(input: string[]): string[] {
  const lines = gridTablesToPipeRows(input);
  if (!lines.some(isPipeLine)) return lines;
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!isPipeLine(lines[i])) {
      out.push(lines[i]);
      i++;
      continue;
    }
    const raw: string[] = [];
    let end = i;
    while (end < lines.length) {
      const line = lines[end];
      if (isPipeLine(line)) raw.push(line);
      else if (end > i && isPlainRow(line) && (isPipeLine(lines[end + 1] ?? "") || !isPlainRow(lines[end + 1] ?? "")))
        raw.push(`\u0000${line}`);
      else break;
      end++;
    }
    const pipes = raw.filter((l) => !l.startsWith("\u0000"));
    const dashes = pipes.map((l) => l.split("|").filter((c) => c.trim() !== "")).find(isSeparator);
    const width = dashes ? dashes.length : null;
    const separatorLine = pipes.find((l) => /^[\s|:-]+$/.test(l) && l.includes("---"));
    const outer = separatorLine
      ? separatorLine.trim().startsWith("|")
      : pipes.filter((l) => l.trim().startsWith("|")).length * 2 >= pipes.length;
    const rows = raw.map((l) => (l.startsWith("\u0000") ? [l] : splitCells(cleanRowMarkup(l), outer, width)));
    const block = describeBlock(
      rows.filter((r) => r.length > 1),
      width,
    );
    block.rows = rows.map((r) =>
      r.length === 1 && r[0].startsWith("\u0000") ? (plainRowCells(r[0].slice(1), block) ?? [r[0].slice(1)]) : r,
    );
    for (const row of repairRows(block)) out.push(row.length === 1 ? row[0] : `| ${row.join(" | ")} |`);
    i = end;
  }
  return out;
}
