import { type Item, UNDECIDED_CELL } from "../document";
import { normaliseLabel, rankLabel } from "../labels";
import { ACTIVE_ROWS, type ActiveRowKey, type Layout } from "../schema";
import { ACTIVE_HEADER_WORDS } from "../tables/column-templates";
import { ACTIVE_CANDIDATES } from "../tables/row-candidates";
import type { LineCell } from "./cell-stream";

const SECTION = /第二十条|信息内容/;
const HEADER = /数量|件数|金额|增\s*\/\s*减/;

/** The table A row a label's pieces spell out in full (its last character is the official label's), if any. */
export function matchCompleteLabel(label: string): ActiveRowKey | null {
  const norm = normaliseLabel(label);
  if (!norm) return null;
  const top = rankLabel(label, ACTIVE_CANDIDATES, 0.75)[0];
  if (!top) return null;
  const ends = ACTIVE_CANDIDATES.find((c) => c.key === top.key)?.canonical.some((c) => c.at(-1) === norm.at(-1));
  return ends ? top.key : null;
}

type OpenRow = { label: string; width: number; values: string[]; sub?: boolean };

/**
 * Table A printed one cell per line, its labels wrapped onto several lines and each row's numbers on lines of
 * their own before, between or after the label's pieces: rows rebuilt by each row's column count in `layout`.
 * A row whose numbers cannot be told apart from its neighbours' gets unplaced cells.
 */
export function rebuildActiveRows(cells: LineCell[], layout: Layout): Item[] {
  const items: Item[] = [];
  let pieces: string[] = [];
  let pending: string[] = [];
  let open: OpenRow | null = null;
  let lastWidth = 0;
  const emit = (row: OpenRow, values: string[] | null) => {
    const cellsOut = values && values.length === row.width ? values : Array(row.width).fill(UNDECIDED_CELL);
    items.push({ kind: "row", labels: [row.label], cells: cellsOut, grid: true });
  };
  const closeOpen = () => {
    if (open) emit(open, open.values.length === open.width ? open.values : null);
    open = null;
  };
  const flushText = () => {
    if (pieces.length > 0) items.push({ kind: "text", text: pieces.join("") });
    pieces = [];
  };
  for (const cell of cells) {
    if (cell.value) {
      if (open && open.values.length < open.width) {
        open.values.push(cell.text);
        pieces = [];
        if (open.values.length === open.width) {
          emit(open, open.values);
          open = null;
        }
      } else pending.push(cell.text);
      continue;
    }
    const text = cell.text.replace(/\s+/g, "");
    const inRow = pieces.length > 0 || pending.length > 0 || (open !== null && open.values.length === 0);
    if (SECTION.test(text) || (!inRow && (HEADER.test(text) || ACTIVE_HEADER_WORDS.test(text)))) {
      closeOpen();
      flushText();
      pending = [];
      items.push({ kind: "text", text: cell.text });
      continue;
    }
    if (open?.sub && open.values.length === 0) {
      open.label += text;
      continue;
    }
    // "其中：…" breaks the row above down: a row of that row's width, whatever its wording.
    if (/^其中/.test(text) && lastWidth > 0) {
      closeOpen();
      flushText();
      open = { label: text, width: lastWidth, values: [], sub: true };
      if (pending.length === lastWidth) {
        emit(open, pending);
        open = null;
      }
      pending = [];
      continue;
    }
    // Under a complete label still without its numbers, a line is the agency's own wording of the row
    // (涉外学校审批) unless it completes the next row's label.
    if (!open || open.values.length > 0) closeOpen();
    pieces.push(text);
    const label = pieces.join("");
    const key = matchCompleteLabel(label);
    if (!key) continue;
    closeOpen();
    const width = ACTIVE_ROWS[key].columns[layout].length;
    lastWidth = width;
    pieces = [];
    let leading =
      pending.length > width && pending.slice(0, -width).every((v) => v === "") ? pending.slice(-width) : pending;
    if (leading.length < width && leading.every((v) => v === "")) leading = [];
    pending = [];
    if (leading.length === 0) open = { label, width, values: [] };
    else emit({ label, width, values: [] }, leading.length === width ? leading : null);
  }
  closeOpen();
  flushText();
  return items;
}
