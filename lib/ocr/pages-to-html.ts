import { isPageNumber } from "@/lib/report/sources/page-furniture";
import type { OcrCell, OcrPage } from "./ocr-types";

/** Names a table cell of an OCR'd document: page, table on the page, cell in the table. */
export function cellKey(page: number, table: number, cell: number): string {
  return `${page}:${table}:${cell}`;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Writes the pages as one HTML document — running text as paragraphs, ruled tables as tables with their merged
 * cells — so that the parser reads an OCR'd report the way it reads a web page. `textOf` may stand in another
 * text for a number cell (an alternative reading, or a probe that tells which report cell it became).
 */
export function pagesToHtml(pages: OcrPage[], textOf?: (key: string, cell: OcrCell) => string): string {
  const out: string[] = ["<html><body>"];
  for (const page of pages) {
    const blocks: { y: number; html: string }[] = [];
    for (const line of page.lines) {
      if (isPageNumber(line.text)) continue;
      blocks.push({ y: line.box.y, html: `<p>${escapeHtml(line.text)}</p>` });
    }
    page.tables.forEach((table, t) => {
      const rows: string[] = [];
      for (let r = 0; r < table.rows; r++) {
        const cells = table.cells
          .map((cell, i) => ({ cell, i }))
          .filter(({ cell }) => cell.row === r)
          .sort((a, b) => a.cell.col - b.cell.col)
          .map(({ cell, i }) => {
            const text = textOf ? textOf(cellKey(page.page, t, i), cell) : cell.text;
            const span = `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ""}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ""}`;
            return `<td${span}>${escapeHtml(text)}</td>`;
          });
        rows.push(`<tr>${cells.join("")}</tr>`);
      }
      blocks.push({ y: table.box.y, html: `<table>${rows.join("")}</table>` });
    });
    blocks.sort((a, b) => a.y - b.y);
    out.push(...blocks.map((b) => b.html));
  }
  out.push("</body></html>");
  return out.join("\n");
}
