import { Parser } from "htmlparser2";
import { isValueLike } from "../numbers";

type HtmlCell = { text: string; rowSpan: number; colSpan: number };

function readHtmlTable(html: string): HtmlCell[][] {
  const rows: HtmlCell[][] = [];
  let cell: HtmlCell | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "tr") rows.push([]);
        else if ((name === "td" || name === "th") && rows.length > 0) {
          const span = (v: string | undefined) => Math.max(1, Math.min(50, Number.parseInt(v ?? "1", 10) || 1));
          cell = { text: "", rowSpan: span(attrs.rowspan), colSpan: span(attrs.colspan) };
          rows[rows.length - 1].push(cell);
        } else if (name === "br" && cell) cell.text += " ";
      },
      ontext(text) {
        if (cell) cell.text += text;
      },
      onclosetag(name) {
        if (name === "td" || name === "th") cell = null;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return rows;
}

/** A table's rows as pipe lines; a spanned position repeats a label (as converters do), never a number. */
function toPipeLines(rows: HtmlCell[][]): string[] {
  const grid: (string | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r][c] !== undefined) c++;
      const text = cell.text
        .replace(/[\s\u00a0]+/g, " ")
        .trim()
        .replace(/\|/g, "");
      for (let dr = 0; dr < cell.rowSpan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const origin = dr === 0 && dc === 0;
          grid[r + dr][c + dc] = origin || (text && !isValueLike(text)) ? text : "";
        }
      }
      c += cell.colSpan;
    }
  });
  const width = Math.max(...grid.map((r) => r.length));
  const lines = grid.map((r) => `| ${Array.from({ length: width }, (_, c) => r[c] ?? "").join(" | ")} |`);
  return [lines[0], `|${" --- |".repeat(width)}`, ...lines.slice(1)];
}

// PaddleOCR (PP-Structure) wraps each table it recognises in its own <html><body>.
const TABLE = /(?:<html>\s*)?(?:<body>\s*)?<table[\s>][\s\S]*?<\/table>(?:\s*<\/body>)?(?:\s*<\/html>)?/gi;

/** Text that is Markdown (headings, pipe tables) with HTML tables in it, as MinerU, marker or PaddleOCR write. */
export function isMarkdownWithHtmlTables(text: string): boolean {
  if (!/<table[\s>]/i.test(text)) return false;
  if (/<(html|body|head|div|p|span)[\s>]/i.test(text.replace(TABLE, ""))) return false;
  return /^#{1,6}\s/m.test(text) || /^\s*\|?\s*:?-{3,}:?\s*\|/m.test(text);
}

/** Replaces each HTML table of a Markdown text by pipe lines. */
export function htmlTablesToPipeRows(text: string): string {
  return text.replace(TABLE, (html) => {
    const rows = readHtmlTable(html).filter((r) => r.length > 0);
    return rows.length > 0 ? `\n${toPipeLines(rows).join("\n")}\n` : "\n";
  });
}
