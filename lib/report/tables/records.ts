import type { Item, Span } from "../document";
import type { TableRegion } from "./types";

/** A table row as read: its label (own cells, or the text since the previous row) and its value cells. */
export type RowRecord = {
  label: string;
  context: string;
  cells: string[];
  grid: boolean;
  item: number;
  /** Horizontal centre of each cell on the page (PDF), to place a row with empty cells under its columns. */
  xs?: number[];
  /** Positioned words of the text since the previous row (PDF): the column headers above this row. */
  spans?: Span[];
  blank?: boolean;
};

export function joinItemText(item: Item): string {
  return item.kind === "text" ? item.text : `${item.labels.join(" ")} ${item.cells.join(" ")}`;
}

export function buildRecords(items: Item[]): RowRecord[] {
  const records: RowRecord[] = [];
  let pending = "";
  let spans: Span[] = [];
  items.forEach((item, index) => {
    if (item.kind === "text") {
      pending = pending ? `${pending} ${item.text}` : item.text;
      if (pending.length > 4000) pending = pending.slice(-2000);
      if (item.spans) spans.push(...item.spans);
      return;
    }
    const own = item.labels.join(" ");
    records.push({
      label: own || pending,
      context: pending,
      cells: item.cells,
      grid: item.grid,
      item: index,
      xs: item.xs,
      spans,
      blank: item.blank,
    });
    spans = [];
    // A row of empty cells is usually a header row: its words are context for the next row.
    pending = own && item.cells.every((c) => c.trim() === "") ? own : "";
  });
  return records;
}

export function selectRecordsIn(records: RowRecord[], region: TableRegion | null): RowRecord[] {
  if (!region) return [];
  return records.filter((r) => r.item >= region.start && r.item < region.end);
}

/** "其中：…" rows break a standard row down further; they are not rows of the official layout. */
export function isSubItem(label: string): boolean {
  return /(^|\s)其中[:：]?[^\s]*$/.test(label.trim());
}

/** A row whose cells are all empty is a header or spacer unless it has at least one cell per column. */
export function isHollow(rec: RowRecord, columnCount: number): boolean {
  return !rec.blank && rec.cells.every((c) => c.trim() === "") && rec.cells.length < columnCount;
}
