import { isValueLike } from "../numbers";

/** A whitespace-separated piece of a PDF line with its horizontal extent. */
export type PdfChunk = { text: string; x0: number; x1: number };
/** One printed line of a page: baseline y (page units, growing upwards), glyph size, chunks left to right. */
export type RawLine = { y: number; size: number; chunks: PdfChunk[] };

const MAX_FRAGMENT_CHARS = 16;
// Captions and headers of table sections are full-width rows of their own, never part of a row label.
const CAPTION = /第[一二三四五六七八九十\d]+条|信息内容|申请人情况/;

function isValueChunk(c: PdfChunk): boolean {
  return c.text !== "" && isValueLike(c.text);
}

/** Where the line's trailing run of values starts (its row's cells), or -1 when it ends in words. */
function valueStart(line: RawLine): number {
  let i = line.chunks.length;
  while (i > 0 && isValueChunk(line.chunks[i - 1])) i--;
  return i < line.chunks.length ? i : -1;
}

/**
 * Word and WPS tables wrap long row labels inside their cell, and centre the cell's numbers vertically: the
 * label's lines then sit above and below the numbers ("2.没有现成信息需要" / numbers / "另行制作"). Read in page
 * order, the tail of one row's label would join the next row. This moves every short label fragment printed
 * left of the value columns to the nearest row of numbers (within about a line), so each row carries its own
 * label, its columns ordered left to right and each column top to bottom. `isRowLabel` keeps a complete row
 * label in place: a row printed with every cell empty has only its label.
 */
export function attachWrappedLabels(input: RawLine[], isRowLabel: (text: string) => boolean): RawLine[] {
  const lines = joinBlankRowLabels(input, isRowLabel);
  const starts = lines.map(valueStart);
  const rows = lines.map((_, i) => i).filter((i) => starts[i] >= 0);
  if (rows.length < 2) return lines;
  const attached = new Map<number, number[]>();
  const moved = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (starts[i] >= 0 || line.chunks.length === 0) continue;
    const text = line.chunks.map((c) => c.text).join("");
    if (text.length > MAX_FRAGMENT_CHARS || CAPTION.test(text)) continue;
    // Within a line's height of a row's numbers a piece is that row's; further away a whole row label is a
    // row of its own, printed with every cell empty.
    const gap = (isRowLabel(text) ? 1.2 : 1.8) * line.size;
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    let bestLabelled = false;
    for (const r of rows) {
      const row = lines[r];
      const distance = Math.abs(row.y - line.y);
      if (distance > gap) continue;
      // A label fragment lies left of the row's first value and overlaps none of its cells.
      const firstValue = row.chunks[starts[r]].x0;
      if (line.chunks.some((c) => c.x1 > firstValue + 0.2 * line.size)) continue;
      // Halfway between two rows (text laid out line by line), the one without a label in this column wins.
      const labelled = row.chunks.slice(0, starts[r]).some((own) => line.chunks.some((c) => overlaps(c, own)));
      const tie = Math.abs(distance - bestDistance) <= 0.05 * line.size;
      if (tie ? labelled || !bestLabelled : distance > bestDistance) continue;
      best = r;
      bestDistance = distance;
      bestLabelled = labelled;
    }
    if (best < 0) continue;
    const list = attached.get(best) ?? [];
    list.push(i);
    attached.set(best, list);
    moved.add(i);
  }
  chainFragments(lines, starts, attached, moved);
  if (moved.size === 0) return lines;
  const out: RawLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (moved.has(i)) continue;
    const extra = attached.get(i);
    if (!extra) {
      out.push(lines[i]);
      continue;
    }
    const row = lines[i];
    const labelParts = [...extra, i].flatMap((j) =>
      (j === i ? row.chunks.slice(0, starts[i]) : lines[j].chunks).map((c) => ({ c, y: lines[j].y })),
    );
    out.push({
      y: row.y,
      size: row.size,
      chunks: [...orderLabelChunks(labelParts), ...row.chunks.slice(starts[i])],
    });
  }
  return out;
}

/**
 * A row printed with every cell empty and a label wrapped onto up to five lines: consecutive label lines with
 * no numbers anywhere beside them that together make a whole row label become one line, so the row is kept.
 */
function joinBlankRowLabels(lines: RawLine[], isRowLabel: (text: string) => boolean): RawLine[] {
  const out: RawLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i];
    const first = head.chunks[head.chunks.length - 1];
    let joined = -1;
    if (valueStart(head) < 0 && first && ENUMERATOR.test(first.text)) {
      let text = first.text;
      for (let j = i + 1; j <= i + 4 && j < lines.length; j++) {
        const next = lines[j];
        if (valueStart(next) >= 0 || next.chunks.length !== 1 || Math.abs(lines[j - 1].y - next.y) > 1.8 * next.size)
          break;
        if (!overlaps(next.chunks[0], first) || ENUMERATOR.test(next.chunks[0].text)) break;
        text += next.chunks[0].text;
        if (isRowLabel(text)) {
          joined = j;
          break;
        }
      }
    }
    if (joined < 0) {
      out.push(head);
      continue;
    }
    const parts = lines.slice(i + 1, joined + 1).map((l) => l.chunks[0]);
    const merged = {
      text: [first, ...parts].map((c) => c.text).join(""),
      x0: Math.min(first.x0, ...parts.map((c) => c.x0)),
      x1: Math.max(first.x1, ...parts.map((c) => c.x1)),
    };
    out.push({ ...head, chunks: [...head.chunks.slice(0, -1), merged] });
    i = joined;
  }
  return out;
}

const ENUMERATOR = /^\s*(?:[(（][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.．、]|[一二三四五六七八九十]+、)/;

function overlaps(a: PdfChunk, b: PdfChunk): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.3 * Math.min(a.x1 - a.x0, b.x1 - b.x0);
}

/**
 * A label of three or more lines reaches beyond a line's distance from its numbers: a fragment printed right
 * above or below an attached piece of the same column joins that row, away from the row's numbers only (a
 * fragment starting with an enumerator begins a row's label, never continues one).
 */
function chainFragments(lines: RawLine[], starts: number[], attached: Map<number, number[]>, moved: Set<number>): void {
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (let i = 0; i < lines.length; i++) {
      const f = lines[i];
      if (moved.has(i) || starts[i] >= 0 || f.chunks.length === 0) continue;
      const text = f.chunks.map((c) => c.text).join("");
      if (text.length > MAX_FRAGMENT_CHARS || CAPTION.test(text)) continue;
      const startsLabel = f.chunks.some((c) => ENUMERATOR.test(c.text));
      for (const [r, list] of attached) {
        const row = lines[r];
        const seeds = [
          ...row.chunks.slice(0, starts[r]).map((c) => ({ c, y: row.y })),
          ...list.flatMap((j) => lines[j].chunks.map((c) => ({ c, y: lines[j].y }))),
        ];
        // Every piece of the line must continue a column of the row (a line can hold two columns' pieces).
        const hit = f.chunks.every((c) =>
          seeds.some((s) => {
            if (Math.abs(s.y - f.y) > 1.8 * f.size || !overlaps(c, s.c)) return false;
            // Upwards only from a continuation: a piece starting with an enumerator is its label's first line.
            return f.y < s.y ? s.y <= row.y && !startsLabel : s.y >= row.y && !ENUMERATOR.test(s.c.text);
          }),
        );
        if (!hit) continue;
        list.push(i);
        moved.add(i);
        changed = true;
        break;
      }
    }
    if (!changed) return;
  }
}

/** Label pieces of one row: one chunk per label column (pieces that overlap horizontally), read top to bottom. */
function orderLabelChunks(parts: { c: PdfChunk; y: number }[]): PdfChunk[] {
  const sorted = [...parts].sort((a, b) => a.c.x0 - b.c.x0);
  const columns: { x0: number; x1: number; parts: { c: PdfChunk; y: number }[] }[] = [];
  for (const p of sorted) {
    const col = columns.find((k) => {
      const overlap = Math.min(k.x1, p.c.x1) - Math.max(k.x0, p.c.x0);
      return overlap > 0.3 * Math.min(k.x1 - k.x0, p.c.x1 - p.c.x0);
    });
    if (col) {
      col.parts.push(p);
      col.x0 = Math.min(col.x0, p.c.x0);
      col.x1 = Math.max(col.x1, p.c.x1);
    } else columns.push({ x0: p.c.x0, x1: p.c.x1, parts: [p] });
  }
  return columns
    .sort((a, b) => a.x0 - b.x0)
    .map((col) => ({
      text: col.parts
        .sort((a, b) => b.y - a.y || a.c.x0 - b.c.x0)
        .map((p) => p.c.text)
        .join(""),
      x0: col.x0,
      x1: col.x1,
    }));
}

/**
 * A number too wide for its column wraps inside the cell ("112" over "7" for 1127), its pieces printed above and
 * below the row's other numbers. Joins such stacked pieces, in a column the row leaves empty, back into one cell.
 */
export function joinWrappedNumbers(lines: RawLine[]): RawLine[] {
  const starts = lines.map(valueStart);
  const taken = new Map<number, Set<number>>();
  const joined = new Map<number, PdfChunk[]>();
  for (let r = 0; r < lines.length; r++) {
    const row = lines[r];
    if (starts[r] < 0 || row.chunks.length - starts[r] < 2) continue;
    const values = row.chunks.slice(starts[r]);
    // Pieces lie right of the row's label: an empty first column can hold one.
    const left = starts[r] > 0 ? row.chunks[starts[r] - 1].x1 : values[0].x0 - 3 * row.size;
    const pieces: { line: number; chunk: number; c: PdfChunk; y: number }[] = [];
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l];
      if (l === r || Math.abs(line.y - row.y) > row.size) continue;
      const own = line.chunks.filter(isValueChunk);
      if (own.length === 0 || own.length > 2) continue;
      line.chunks.forEach((c, ci) => {
        if (!isValueChunk(c) || c.x0 < left || taken.get(l)?.has(ci)) return;
        const mid = (c.x0 + c.x1) / 2;
        if (values.some((v) => v.x0 - 0.3 * row.size < mid && mid < v.x1 + 0.3 * row.size)) return;
        pieces.push({ line: l, chunk: ci, c, y: line.y });
      });
    }
    const columns: (typeof pieces)[] = [];
    for (const p of pieces) {
      const mid = (p.c.x0 + p.c.x1) / 2;
      const col = columns.find(
        (g) =>
          Math.abs((g[0].c.x0 + g[0].c.x1) / 2 - mid) < 0.8 * row.size || Math.abs(g[0].c.x0 - p.c.x0) < 0.5 * row.size,
      );
      if (col) col.push(p);
      else columns.push([p]);
    }
    const added: PdfChunk[] = [];
    for (const col of columns) {
      if (col.length < 2 || !col.some((p) => p.y > row.y) || !col.some((p) => p.y < row.y)) continue;
      col.sort((a, b) => b.y - a.y);
      const text = col.map((p) => p.c.text).join("");
      if (!isValueLike(text)) continue;
      added.push({ text, x0: Math.min(...col.map((p) => p.c.x0)), x1: Math.max(...col.map((p) => p.c.x1)) });
      for (const p of col) {
        const set = taken.get(p.line) ?? new Set<number>();
        set.add(p.chunk);
        taken.set(p.line, set);
      }
    }
    if (added.length > 0) joined.set(r, added);
  }
  if (joined.size === 0) return lines;
  const out: RawLine[] = [];
  lines.forEach((line, i) => {
    const drop = taken.get(i);
    let chunks = drop ? line.chunks.filter((_, ci) => !drop.has(ci)) : line.chunks;
    const add = joined.get(i);
    if (add) chunks = [...chunks, ...add].sort((a, b) => a.x0 - b.x0);
    if (chunks.length > 0) out.push({ ...line, chunks });
  });
  return out;
}

/**
 * A table row split by a page break: the rest of its label opens the next page, above that page's first row.
 * Those lines (continuations printed in the column of the last row's label, before any row of numbers on the
 * page) join the last row of the previous page instead of the next page's first row.
 */
export function stitchPageBreaks(pages: RawLine[][]): RawLine[] {
  const out: RawLine[] = [];
  for (const page of pages) {
    const last = out[out.length - 1];
    const lastStart = last ? valueStart(last) : -1;
    let consumed = 0;
    if (last && lastStart > 0) {
      const column = last.chunks[lastStart - 1];
      const firstValue = last.chunks[lastStart].x0;
      for (const line of page) {
        if (valueStart(line) >= 0) break;
        const text = line.chunks.map((c) => c.text).join("");
        const aligned =
          line.chunks.length === 1 &&
          text.length <= MAX_FRAGMENT_CHARS &&
          !ENUMERATOR.test(text) &&
          !CAPTION.test(text) &&
          line.chunks[0].x1 <= firstValue &&
          (Math.abs(line.chunks[0].x0 - column.x0) <= line.size ||
            Math.abs(line.chunks[0].x0 + line.chunks[0].x1 - column.x0 - column.x1) <= 2 * line.size);
        if (!aligned) break;
        column.text += text;
        consumed++;
      }
    }
    out.push(...page.slice(consumed));
  }
  return out;
}

/**
 * Browsers printing a page centre each cell on its own: beside a two-line label some numbers of a row take the
 * first line's baseline and the others the second's. Two such lines, one right under the other, whose numbers
 * stand in different columns and whose second line carries no new row label, are one row.
 */
export function mergeSplitRows(lines: RawLine[]): RawLine[] {
  const out: RawLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i];
    const b = lines[i + 1];
    const sa = valueStart(a);
    const sb = b ? valueStart(b) : -1;
    if (b && sa >= 0 && sb >= 0 && Math.abs(a.y - b.y) <= 1.6 * a.size) {
      const va = a.chunks.slice(sa);
      const vb = b.chunks.slice(sb);
      const labelsB = b.chunks.slice(0, sb);
      const disjoint = vb.every((x) =>
        va.every((y) => !overlaps(x, y) && Math.abs(x.x0 + x.x1 - y.x0 - y.x1) > a.size),
      );
      const continues =
        labelsB.length > 0 ? labelsB.every((c) => !ENUMERATOR.test(c.text)) : Math.abs(a.y - b.y) <= 0.9 * a.size;
      const left = Math.min(va[0].x0, vb[0].x0);
      if (disjoint && continues && labelsB.every((c) => c.x1 <= left + 0.5 * a.size)) {
        const labels = orderLabelChunks([
          ...a.chunks.slice(0, sa).map((c) => ({ c, y: a.y })),
          ...labelsB.map((c) => ({ c, y: b.y })),
        ]);
        out.push({ y: a.y, size: a.size, chunks: [...labels, ...[...va, ...vb].sort((x, y) => x.x0 - y.x0)] });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}
