import { checkArithmetic } from "../checks";
import { IssueList } from "../issues";
import { describeCells, TABLE_NUMBERS, type TableKey } from "../official-layout";
import { type Layout, REVIEW_BLOCK_KEYS, REVIEW_COLUMNS } from "../schema";
import { appendCellSink, type CellSink, createCellSink } from "./cell-sink";
import type { RowRecord } from "./records";
import type { Cells, TablesResult } from "./types";

const REVIEW_CELL_COUNT = REVIEW_BLOCK_KEYS.length * REVIEW_COLUMNS.length;

type TableCells = Partial<Record<string, Cells>>;
type CopyRead<T> = { records: RowRecord[]; cells: T; issues: IssueList; sink: CellSink };
export type ReadCopy<T> = (records: RowRecord[], issues: IssueList, sink: CellSink) => T;

function readScratch<T>(records: RowRecord[], read: ReadCopy<T>): CopyRead<T> {
  const issues = new IssueList();
  const sink = createCellSink();
  return { records, cells: read(records, issues, sink), issues, sink };
}

function flattenCells(cells: TableCells): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [row, values] of Object.entries(cells)) {
    for (const [column, value] of Object.entries(values ?? {})) out.set(`${row}.${column}`, value);
  }
  return out;
}

/** Lower is better: breaks of the table's own arithmetic first, then cells unread, blank or missing. */
function scoreCopy(table: TableKey, copy: CopyRead<TableCells>, mostCells: number, layout: Layout | null): number {
  const scratch = new IssueList();
  const alone: TablesResult = {
    layout,
    layoutEvidence: "labels",
    active: {},
    applications: {},
    review: {},
    regions: { active: null, applications: null, review: null },
    [table]: copy.cells,
  };
  checkArithmetic(alone, scratch);
  const values = [...flattenCells(copy.cells).values()];
  const numbers = values.filter((v) => typeof v === "number").length;
  const unread = values.length - numbers + copy.sink.unreadable.length;
  return scratch.items.length * 100 + unread * 20 + (mostCells - numbers) * 10 + copy.sink.blank.length * 3;
}

function mergeInto(copy: CopyRead<unknown>, issues: IssueList, sink: CellSink): void {
  issues.items.push(...copy.issues.items);
  appendCellSink(sink, copy.sink);
}

/** Lower is better, for one row of table A (no arithmetic there): cells unread, blank or not printed. */
function scoreRow(copy: CopyRead<TableCells>, key: string, widest: number): number {
  const values = Object.values(copy.cells[key] ?? {});
  const numbers = values.filter((v) => typeof v === "number").length;
  const blank = copy.sink.blank.filter((p) => p.startsWith(`active.${key}.`)).length;
  return (values.length - numbers) * 20 + (widest - numbers) * 10 + blank * 3;
}

/** Table A's rows stand alone: each repeated row is taken from the copy that prints it most fully. */
function chooseRows(reads: CopyRead<TableCells>[], issues: IssueList, sink: CellSink): Map<string, number> {
  const from = new Map<string, number>();
  const keys = [...new Set(reads.flatMap((r) => Object.keys(r.cells)))];
  for (const key of keys) {
    const holders = reads.map((r, i) => (r.cells[key] ? i : -1)).filter((i) => i >= 0);
    const widest = Math.max(...holders.map((i) => Object.keys(reads[i].cells[key] ?? {}).length));
    const scores = holders.map((i) => scoreRow(reads[i], key, widest));
    from.set(key, holders[scores.indexOf(Math.min(...scores))]);
  }
  const owns = (path: string, i: number) => from.get(path.split(".")[1]) === i;
  reads.forEach((r, i) => {
    issues.items.push(
      ...r.issues.items.filter((issue) => issue.cells.length > 0 && issue.cells.every((c) => owns(c, i))),
    );
    appendCellSink(sink, r.sink, (p) => owns(p, i));
  });
  return from;
}

function reportCopies(
  table: TableKey,
  copies: number,
  taken: Map<string, number | null>,
  others: Map<string, number | null>[],
  which: string,
  layout: Layout | null,
  issues: IssueList,
): void {
  const differing = new Set<string>();
  for (const values of others) {
    for (const [path, value] of values) if (taken.has(path) && taken.get(path) !== value) differing.add(path);
  }
  const prefix = table === "review" ? "" : `${table}.`;
  const paths = [...differing].map((p) => `${prefix}${p}`);
  if (paths.length === 0) {
    issues.add("DUPLICATE_TABLE", "info", `${TABLE_NUMBERS[table]}在文档中出现 ${copies} 次，数值一致，取${which}`, []);
    return;
  }
  issues.add(
    "DUPLICATE_TABLE",
    "warning",
    `${TABLE_NUMBERS[table]}在文档中出现 ${copies} 次，数值不一致：${describeCells(paths, layout, 4)}；按表内勾稽关系和完整程度取${which}`,
    paths,
    { copies },
  );
}

/**
 * One table printed more than once (body and annex, a page printed twice): each copy is read on its own and the
 * one that best keeps the table's arithmetic is taken (table A: row by row); the cells where copies differ are named.
 * A piece that repeats none of the rows read so far is the table's continuation (a header repeated on a new page).
 */
export function readTableCopies<T extends TableCells>(
  table: TableKey,
  pieces: RowRecord[][],
  read: ReadCopy<T>,
  layout: Layout | null,
  issues: IssueList,
  sink: CellSink,
): T {
  const all = () => read(pieces.flat(), issues, sink);
  if (pieces.length <= 1) return all();
  const pieceReads = pieces.map((records) => readScratch(records, read));
  const least = table === "applications" ? 2 : 1;
  // Each piece joins the first copy that lacks its rows: interleaved and consecutive repeats both sort out.
  const groups: { pieces: number[]; keys: Set<string> }[] = [];
  // Every piece of 表四 reads as all three blocks: a piece continues the last one (a header repeated mid-table)
  // when together they add up at least as well as either alone.
  const continuesReview = (last: (typeof groups)[number] | undefined, i: number) => {
    const printed = last?.pieces.reduce((n, j) => n + pieces[j].reduce((m, r) => m + r.cells.length, 0), 0) ?? 0;
    if (!last || printed >= REVIEW_CELL_COUNT) return undefined;
    const joined = readScratch(
      [...last.pieces, i].flatMap((j) => pieces[j]),
      read,
    );
    const alone = readScratch(
      last.pieces.flatMap((j) => pieces[j]),
      read,
    );
    const most = Math.max(flattenCells(joined.cells).size, flattenCells(alone.cells).size);
    const joinedScore = scoreCopy(table, joined, most, layout);
    const separate = Math.min(scoreCopy(table, alone, most, layout), scoreCopy(table, pieceReads[i], most, layout));
    return joinedScore <= separate ? last : undefined;
  };
  pieceReads.forEach((r, i) => {
    const keys = Object.keys(r.cells);
    const group =
      table === "review"
        ? continuesReview(groups[groups.length - 1], i)
        : groups.find((g) => keys.filter((k) => g.keys.has(k)).length < least);
    if (group) {
      group.pieces.push(i);
      for (const k of keys) group.keys.add(k);
    } else groups.push({ pieces: [i], keys: new Set(keys) });
  });
  if (groups.length <= 1) return all();
  if (table === "active") {
    const from = chooseRows(pieceReads, issues, sink);
    const cells = {} as T;
    const others: Map<string, number | null>[] = [];
    pieceReads.forEach((r, i) => {
      const rest = new Map<string, number | null>();
      for (const [key, row] of Object.entries(r.cells)) {
        if (from.get(key) === i) (cells as TableCells)[key] = row;
        else for (const [c, v] of Object.entries(row ?? {})) rest.set(`${key}.${c}`, v);
      }
      others.push(rest);
    });
    reportCopies(table, groups.length, flattenCells(cells), others, "各行填报最完整的一次", layout, issues);
    return cells;
  }
  const reads = groups.map((g) =>
    readScratch(
      g.pieces.flatMap((i) => pieces[i]),
      read,
    ),
  );
  const mostCells = Math.max(...reads.map((r) => flattenCells(r.cells).size));
  const scores = reads.map((r) => scoreCopy(table, r, mostCells, layout));
  const best = scores.indexOf(Math.min(...scores));
  mergeInto(reads[best], issues, sink);
  const others = reads.filter((_, i) => i !== best).map((r) => flattenCells(r.cells));
  reportCopies(
    table,
    reads.length,
    flattenCells(reads[best].cells),
    others,
    `第 ${best + 1} 次出现的表格`,
    layout,
    issues,
  );
  return reads[best].cells;
}
