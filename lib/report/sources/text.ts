import { gridRowToItem, type Item, type Span } from "../document";
import type { TimeBudget } from "../errors";
import { normaliseLabel, scoreSuffix } from "../labels";
import { isBlankMarker, toHalfWidth } from "../numbers";
import { APPLICATION_ROWS } from "../schema";
import { normaliseCellLines, rebuildCellTables } from "./cell-lines";
import { isDoubleSpaced } from "./cell-stream";
import { repairMarkdownTables } from "./markdown-rows";

type Token = { t: "text"; s: string; spans?: Span[] } | { t: "num"; s: string; x?: number } | { t: "blankRow" };

const ROW_LABELS = new Set([
  ...[
    "规章",
    "行政规范性文件",
    "规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
  ],
  ...Object.values(APPLICATION_ROWS)
    .map((r) => normaliseLabel(r.label.split(" ").pop() ?? r.label))
    .filter((l) => l !== "其他" && l !== "总计"),
]);

function looksLikeRowLabel(text: string): boolean {
  const norm = normaliseLabel(text);
  if (norm.length < 2) return false;
  for (const label of ROW_LABELS) if (scoreSuffix(norm, label) >= 0.75) return true;
  return false;
}

/** A page line that is exactly a table row's label, with no number on it or starting the next line: a blank row. */
function isBlankRowLabel(line: string, next: string | undefined): boolean {
  const half = next === undefined ? "" : toHalfWidth(next).replace(/\d{1,2}[.．、](?=\D)/g, "");
  // The next line carries this row's numbers when it starts with one, or holds nothing else but a stray
  // character of a vertically printed header ("办 2 0 0 …").
  const startsWithNumber =
    next === undefined ||
    /^\s*[+\-—－]?\d+(?![.．、]\D)/.test(half) ||
    (/\d/.test(half) && !looksLikeRowLabel(half.replace(/[+\-—－]?\d+(\.\d+)?/g, "")));
  if (startsWithNumber || /\d(?![.．、]\D)/.test(toHalfWidth(line))) return false;
  return isCompleteRowLabel(line);
}

/** Text that is a whole row label of the official tables (not the start or end of a wrapped one). */
export function isCompleteRowLabel(line: string): boolean {
  const norm = normaliseLabel(line);
  if (ROW_LABELS.has(norm)) return true;
  // Generic words only with their own numbering: "（七）总计", "3.其他".
  if (/^\s*(?:[（(]七[)）]\s*总计|3\s*[.．、]\s*其他)\s*$/.test(toHalfWidth(line))) return true;
  if (norm.length < 4) return false;
  for (const label of ROW_LABELS) if (label.length >= 4 && scoreSuffix(norm, label) >= 0.9) return true;
  return false;
}

/** A blank row whose label wraps onto up to three more short lines: the index of its last line, else -1. */
function wrappedBlankRowEnd(lines: string[], li: number): number {
  let joined = lines[li];
  for (let n = 1; n <= 3 && li + n < lines.length; n++) {
    const part = lines[li + n].trim();
    if (!part || /\d/.test(part) || part.length > 16) return -1;
    joined += part;
    if (isBlankRowLabel(joined, lines[li + n + 1])) return li + n;
  }
  return -1;
}

const NUMBER = /[+-]?\d+(?:,\d{3})*(?:\.\d+)?/g;
const DATE = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?/g;
// Every DATE match holds one of these characters.
const MAY_HOLD_DATE = /[-/.年:]/;
const TEXT_AFTER = new Set([..."年月日号期届%％:：时分秒岁页版"]);
// A count printed with its unit in a cell ("26件"), the unit ending the chunk or followed by the next number.
const CELL_UNIT = /^(万元|元|件|个|项|条|次|家|宗|起|份|笔)(?=$|[\d+\-—―─])/;

const UNIT_START = new Set([..."万元件个项条次家宗起份笔"]);

function readUnit(after: string): string {
  return /^(万元|元)/.exec(after)?.[0] ?? CELL_UNIT.exec(after)?.[0] ?? "";
}

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && ((c >= "A" && c <= "Z") || (c >= "a" && c <= "z"));
}

function isAsciiDigit(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && c >= "0" && c <= "9";
}

function pushText(out: Token[], s: string): void {
  if (!s) return;
  const last = out[out.length - 1];
  if (last && last.t === "text") last.s += s;
  else out.push({ t: "text", s });
}

const DASHES = /[—―─]+/g;
const HAS_DIGIT = /\d/;

/** Splits one chunk (no whitespace) into text and number tokens; em-dash runs are empty cells. */
function tokenizeChunk(input: string, out: Token[]): void {
  let chunk = input;
  if (isBlankMarker(chunk)) {
    out.push({ t: "num", s: chunk });
    return;
  }
  // "无" printed for zero, glued to digits: each one is an empty cell, like a dash.
  if (chunk.includes("无"))
    chunk = chunk
      .replace(/(?<=[\d—―─])无+|无+(?=[\d—―─+-])|无{2,}/g, (m) => "—".repeat(m.length))
      .replace(/(?<=[\u4e00-\u9fff”」）)])无(?=[第一二三四五六七八九十（(行规其政小]|$)/g, "—");
  if (/[—―─]/.test(chunk)) {
    let pos = 0;
    for (const m of chunk.matchAll(DASHES)) {
      if (m.index > pos) tokenizePlain(chunk.slice(pos, m.index), out);
      // Inside run-together digits every dash is one empty cell.
      for (let j = 0; j < m[0].length; j++) out.push({ t: "num", s: "—" });
      pos = m.index + m[0].length;
    }
    if (pos < chunk.length) tokenizePlain(chunk.slice(pos), out);
    return;
  }
  tokenizePlain(chunk, out);
}

/** Text and number tokens of a chunk; enumerators ("3.") stay with their label. */
function tokenizePlain(chunk: string, out: Token[]): void {
  if (!HAS_DIGIT.test(chunk)) {
    pushText(out, chunk);
    return;
  }
  const masked = MAY_HOLD_DATE.test(chunk) ? chunk.replace(DATE, (m) => "\u0001".repeat(m.length)) : chunk;
  let pos = 0;
  for (const m of masked.matchAll(NUMBER)) {
    const start = m.index;
    let raw = m[0];
    const end = start + raw.length;
    const prev = chunk[start - 1] ?? "";
    // The tests below read the character after the number (`next`): the rest of the chunk is sliced only for units.
    const next = chunk[end] ?? "";
    if (prev === "第" || TEXT_AFTER.has(next) || isAsciiLetter(next) || isAsciiLetter(prev)) continue;
    if ((next === "条" || next === "项") && !CELL_UNIT.test(chunk.slice(end))) continue;
    const enumerator = (next === "." || next === "．" || next === "、") && !isAsciiDigit(chunk[end + 1]);
    if (enumerator) {
      const digits = raw.replace(/^[+-]/, "");
      if (digits.length === 1 || /[.,]/.test(raw)) continue;
      raw = raw.slice(0, -1);
    }
    pushText(out, chunk.slice(pos, start));
    const unit = raw === m[0] && UNIT_START.has(next) ? readUnit(chunk.slice(end)) : "";
    out.push({ t: "num", s: raw + unit });
    pos = start + raw.length + unit.length;
  }
  pushText(out, chunk.slice(pos));
}

function tokenizeLine(line: string, out: Token[], xs?: number[]): void {
  const chunks = toHalfWidth(line)
    .split(/[\s\u00a0\u200b]+/)
    .filter(Boolean);
  const placed = xs && xs.length === chunks.length ? xs : undefined;
  chunks.forEach((chunk, i) => {
    const before = out.length;
    tokenizeChunk(chunk, out);
    if (placed && out.length === before + 1 && out[before].t === "num") (out[before] as { x?: number }).x = placed[i];
    const last = out[out.length - 1];
    if (placed && last?.t === "text" && out.length > 0 && out.slice(before).every((t) => t.t === "text")) {
      last.spans ??= [];
      last.spans.push({ s: chunk, x: placed[i] });
    }
    if (last?.t === "text") last.s += " ";
  });
}

/** Whether the line has at least two tabs (three tab-separated cells), without splitting it. */
function hasTabCells(line: string): boolean {
  const first = line.indexOf("\t");
  return first >= 0 && line.indexOf("\t", first + 1) >= 0;
}

function splitPipeRow(line: string): string[] | null {
  const t = line.trim();
  if (!t.includes("|")) return null;
  const inner = t.replace(/^\|/, "").replace(/\|$/, "");
  const cells = inner.split("|");
  return cells.length >= 2 ? cells : null;
}

/** Turns lines of text (flattened pages, markdown, PDF lines) into items. */
export function linesToItems(
  input: string[],
  budget: TimeBudget,
  positions?: (number[] | undefined)[],
): { items: Item[]; markdown: boolean } {
  const lines = positions ? input : repairMarkdownTables(normaliseCellLines(input));
  // Single-spaced pages: an empty line inside a table is an empty cell. Double-spaced pages (every line followed
  // by an empty one): an empty cell shows as a run of three empty lines.
  const doubleSpaced = isDoubleSpaced(lines);
  const rebuilt = positions ? new Map() : rebuildCellTables(lines, budget, doubleSpaced);
  const items: Item[] = [];
  let tokens: Token[] = [];
  let markdown = false;
  const flush = () => {
    let row: Item | null = null;
    for (const tok of tokens) {
      if (tok.t === "blankRow") {
        row = null;
        items.push({ kind: "row", labels: [], cells: [], grid: false, xs: [], blank: true });
        continue;
      }
      if (tok.t === "text") {
        row = null;
        const s = tok.s.trim();
        if (s) items.push(tok.spans ? { kind: "text", text: s, spans: tok.spans } : { kind: "text", text: s });
      } else {
        if (!row) {
          row = { kind: "row", labels: [], cells: [], grid: false, xs: [] };
          items.push(row);
        }
        if (row.kind === "row") {
          row.cells.push(tok.s);
          row.xs?.push(tok.x ?? Number.NaN);
        }
      }
    }
    tokens = [];
  };
  // Some copies end every tab-separated row with a tab; then the last tab closes the row, not an empty cell.
  const tabRows = lines.filter(hasTabCells);
  const trailingTab =
    tabRows.length >= 3 && tabRows.filter((l) => /\t[ \u00a0]*$/.test(l)).length >= tabRows.length * 0.9;
  let emptyRun = 0;
  let previousLine = "";
  let blankAfter = -1;
  const pushBlanks = (n: number) => {
    const last = tokens[tokens.length - 1];
    if (!last || last.t === "blankRow" || (last.t === "text" && previousLine.trim().length > 40)) return;
    for (let j = 0; j < n; j++) tokens.push({ t: "num", s: "" });
  };
  for (let li = 0; li < lines.length; li++) {
    const line = trailingTab ? lines[li].replace(/\t[ \u00a0]*$/, "") : lines[li];
    budget.check();
    const own = rebuilt.get(li);
    if (own !== undefined) {
      flush();
      emptyRun = 0;
      if (own) items.push(...own);
      continue;
    }
    if (!line.trim() && !hasTabCells(line)) {
      emptyRun++;
      continue;
    }
    if (emptyRun > 0) {
      pushBlanks(doubleSpaced ? Math.floor((emptyRun - 1) / 2) : emptyRun);
      emptyRun = 0;
    }
    const pipe = splitPipeRow(line);
    if (pipe) {
      if (pipe.every((c) => /^\s*:?-{2,}:?\s*$/.test(c))) {
        markdown = true;
        continue;
      }
      flush();
      const item = gridRowToItem(pipe);
      if (item) items.push(item);
      continue;
    }
    if (hasTabCells(line)) {
      flush();
      const item = gridRowToItem(line.split("\t"));
      if (item) items.push(item);
      continue;
    }
    tokenizeLine(line, tokens, positions?.[li]);
    if (positions) {
      if (li === blankAfter) tokens.push({ t: "blankRow" });
      else if (isBlankRowLabel(line, lines[li + 1])) tokens.push({ t: "blankRow" });
      else blankAfter = Math.max(blankAfter, wrappedBlankRowEnd(lines, li));
    }
    previousLine = line;
  }
  flush();
  return { items, markdown };
}
