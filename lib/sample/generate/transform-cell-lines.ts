import { decodeText } from "@/lib/report/decode";
import type { Rng } from "./rng";
import type { DocCell, DocRow, ReportDocument } from "./types";

/** How a crawler writes one table cell per line: a trailing " |" or not, an empty cell as "|" or an empty line. */
export type CellLineStyle = { pipe: boolean; emptyCell: "|" | ""; doubleSpaced: boolean };

export function drawCellLineStyle(rng: Rng): CellLineStyle {
  const pipe = rng.chance(0.5);
  const emptyCell: "|" | "" = pipe || rng.chance(0.4) ? "|" : "";
  // With blank lines between cells an empty line cannot be an empty cell.
  return { pipe, emptyCell, doubleSpaced: emptyCell === "|" && rng.chance(0.4) };
}

const ENTITIES: Record<string, string> = { nbsp: " ", lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", ldquo: "“" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function stripTags(fragment: string): string {
  return decodeEntities(fragment.replace(/<[^>]*>/g, ""))
    .replace(/[\s\u00a0\u3000]+/g, " ")
    .trim();
}

function writeCell(text: string, style: CellLineStyle): string {
  if (text === "") return style.emptyCell;
  return style.pipe ? `${text} |` : text;
}

/** Text outside tables: block elements end a line, tags go. */
function flattenProse(fragment: string): string[] {
  return fragment
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|h\d|li|tr|title)>/gi, "\n")
    .split("\n")
    .map(stripTags)
    .filter((l) => l.length > 0);
}

/** An HTML page (string or bytes) as a crawler saves it: prose lines, then each `<td>`/`<th>` on its own line. */
export function flattenHtmlToCellLines(page: string | Uint8Array, style: CellLineStyle): string {
  const html = typeof page === "string" ? page : decodeText(page).text;
  const lines: string[] = [];
  let pos = 0;
  for (const m of html.matchAll(/<table\b[\s\S]*?<\/table>/gi)) {
    lines.push(...flattenProse(html.slice(pos, m.index)));
    for (const cell of m[0].matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/gi)) {
      lines.push(writeCell(stripTags(cell[1].replace(/<br\s*\/?>|<\/p>/gi, "")), style));
    }
    pos = m.index + m[0].length;
  }
  lines.push(...flattenProse(html.slice(pos)));
  return lines.join(style.doubleSpaced ? "\n\n" : "\n");
}

const cellText = (cell: DocCell) => cell.text.replace(/\n/g, "");

/** Table rows cut into runs: header/caption rows, then the value rows under them. */
function splitSegments(rows: DocRow[]): { head: DocRow[]; body: DocRow[] }[] {
  const segments: { head: DocRow[]; body: DocRow[] }[] = [];
  for (const row of rows) {
    const hasValues = row.cells.some((c) => c.role === "value");
    const last = segments[segments.length - 1];
    if (!hasValues) {
      if (!last || last.body.length > 0) segments.push({ head: [row], body: [] });
      else last.head.push(row);
    } else if (last) last.body.push(row);
    else segments.push({ head: [], body: [row] });
  }
  return segments;
}

/**
 * A PDF's text layer read without layout: per run of rows, the headers, then every row label, then each
 * value column top to bottom; an empty cell prints nothing.
 */
export function writeColumnMajor(doc: ReportDocument): string[] {
  const lines: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== "table") {
      if (block.kind !== "meta") lines.push(block.text);
      else lines.push(`发布日期：${doc.publishedAt}`);
      continue;
    }
    for (const { head, body } of splitSegments(block.table.rows)) {
      for (const row of head) for (const cell of row.cells) if (cell.text) lines.push(cellText(cell));
      for (const row of body)
        for (const cell of row.cells) if (cell.role !== "value" && cell.text) lines.push(cellText(cell));
      const values = body.map((row) => row.cells.filter((c) => c.role === "value"));
      const width = Math.max(0, ...values.map((v) => v.length));
      for (let j = 0; j < width; j++) for (const row of values) if (row[j]?.text) lines.push(row[j].text);
    }
  }
  return lines;
}

/** Where a wrapped label's own-line numbers stand against its pieces. */
export type WrapPlacement = "before" | "between" | "after";

/**
 * One cell per line, with table 一's row labels wrapped onto 2-3 lines and the row's numbers on lines of their
 * own before, between or after the label's pieces (a narrow PDF cell, text read line by line).
 */
export function writeWrappedActiveRows(doc: ReportDocument, rng: Rng): string[] {
  const lines: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== "table") {
      lines.push(block.kind === "meta" ? `发布日期：${doc.publishedAt}` : block.text);
      continue;
    }
    for (const row of block.table.rows) {
      const labels = row.cells.filter((c) => c.role === "label");
      const values = row.cells.filter((c) => c.role === "value").map((c) => c.text || "—");
      if (block.table.id !== "active" || labels.length !== 1 || values.length === 0) {
        for (const cell of row.cells) lines.push(cell.role === "value" && !cell.text ? "" : cellText(cell));
        continue;
      }
      const [first, ...rest] = labels[0].text.split("\n");
      const pieces = [...splitLabel(rng, first), ...rest];
      const drawn = rng.pick<WrapPlacement>(["before", "between", "after"]);
      const placement = drawn === "between" && pieces.length < 2 ? "after" : drawn;
      if (placement === "before") lines.push(...values, ...pieces);
      else if (placement === "after") lines.push(...pieces, ...values);
      else {
        const at = rng.int(1, pieces.length - 1);
        lines.push(...pieces.slice(0, at), ...values, ...pieces.slice(at));
      }
    }
  }
  return lines;
}

function splitLabel(rng: Rng, label: string): string[] {
  if (label.length < 4) return [label];
  const parts = label.length >= 7 && rng.chance(0.5) ? 3 : 2;
  const cuts = new Set<number>();
  while (cuts.size < parts - 1) cuts.add(rng.int(2, label.length - 2));
  const sorted = [0, ...[...cuts].sort((a, b) => a - b), label.length];
  return sorted
    .slice(1)
    .map((end, i) => label.slice(sorted[i], end))
    .filter((p) => p.length > 0);
}
