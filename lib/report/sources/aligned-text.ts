import { attachWrappedLabels, joinWrappedNumbers, mergeSplitRows, type RawLine, stitchPageBreaks } from "./pdf-rows";
import { isCompleteRowLabel } from "./text";

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * Text laid out in columns with spaces (a PDF converted by `pdftotext -layout` and the like): most table lines
 * hold runs of three or more spaces between their cells.
 */
export function isSpaceAligned(lines: string[]): boolean {
  let aligned = 0;
  let withDigits = 0;
  for (const line of lines) {
    if (line.includes("|")) return false;
    if (!/[\d０-９]/.test(line)) continue;
    withDigits++;
    if (/\S {3,}\S/.test(line.trim())) aligned++;
  }
  return aligned >= 8 && aligned >= 0.3 * withDigits;
}

// Geometry of a text line in PDF-like units: a wide character is one unit (the glyph size) and a line one step,
// within a glyph of the next (text has no half lines), so the PDF row repairs apply with their thresholds unchanged.
const LINE_STEP = 0.95;
// A text column is about half a glyph of a PDF page in points: the column matching downstream works in points.
const COLUMN_POINTS = 5;

type Chunk = { text: string; x0: number; x1: number };

/** Chunks of one text line; `narrow` is a narrow character's width where a wide one is 1. */
function lineChunks(line: string, narrow: number): Chunk[] {
  const chunks: Chunk[] = [];
  let col = 0;
  let current: Chunk | null = null;
  for (const ch of line) {
    const w = ch === "\t" ? 4 * narrow : WIDE.test(ch) ? 1 : narrow;
    if (/\s/.test(ch)) current = null;
    else if (current) {
      current.text += ch;
      current.x1 = col + w;
    } else {
      current = { text: ch, x0: col, x1: col + w };
      chunks.push(current);
    }
    col += w;
  }
  return chunks;
}

const NUMBER = /^[\d０-９.,，．]+$/;

/**
 * Whether the text aligns its columns by character count (pdftotext -layout: a Chinese character takes one column
 * like a digit) rather than by display width (a terminal or a dump tool: two columns). The right edges of the
 * numbers line up under the true model, so it leaves fewer distinct edges.
 */
function countsCharacters(lines: string[]): boolean {
  const edges = (narrow: number) => {
    const set = new Set<number>();
    for (const line of lines) {
      if (!WIDE.test(line)) continue;
      for (const c of lineChunks(line, narrow)) if (NUMBER.test(c.text)) set.add(Math.round(c.x1 / narrow));
    }
    return set.size;
  };
  return edges(1) < edges(0.5);
}

/**
 * Each line's whitespace-separated chunks with the centres of their columns, after the repairs PDF rows get
 * (labels wrapped around centred numbers, numbers wrapped in narrow cells, rows split by page breaks): the text
 * is a PDF's page layout, line by line. Empty lines are only spacing: a blank cell shows as a gap between columns.
 */
export function alignedLines(lines: string[]): { lines: string[]; positions: number[][] } {
  const narrow = countsCharacters(lines) ? 1 : 0.5;
  const pages: RawLine[][] = [[]];
  lines.forEach((line, i) => {
    if (line.includes("\f")) pages.push([]);
    const chunks = lineChunks(line.replace(/\f/g, ""), narrow);
    if (chunks.length > 0) pages[pages.length - 1].push({ y: -i * LINE_STEP, size: 1, chunks });
  });
  const repaired = pages.map((page) =>
    attachWrappedLabels(mergeSplitRows(joinWrappedNumbers(page)), isCompleteRowLabel),
  );
  const rows = stitchPageBreaks(repaired);
  return {
    lines: rows.map((r) => r.chunks.map((c) => c.text).join(" ")),
    positions: rows.map((r) => r.chunks.map((c) => ((c.x0 + c.x1) / 2 / narrow) * COLUMN_POINTS)),
  };
}
