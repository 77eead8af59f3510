import { expandGrid } from "./grid";
import type { GeneratedReport } from "./random-report";
import { formatDateLine, layOut, pickFileName, pickSource } from "./render-common";
import type { Rng } from "./rng";
import type { DocTable, RenderedDocument, RenderOptions } from "./types";

/** A pipe table: spans cannot be expressed, so a spanned position repeats its text or stays empty, as converters do. */
function renderPipeTable(table: DocTable, repeatSpans: boolean, lineBreak: string): string[] {
  const grid = expandGrid(table);
  const lines = grid.map((row, r) => {
    const texts = row.map((cell, c) => {
      if (!cell) return "";
      const origin = cell.row === r && cell.col === c;
      // Converters that fill spans repeat labels; a repeated number would read as several cells, so none do that.
      return origin || (repeatSpans && cell.role !== "value")
        ? cell.text.replace(/\n/g, lineBreak).replace(/\|/g, "\\|")
        : "";
    });
    return `| ${texts.join(" | ")} |`;
  });
  const separator = `|${Array(table.columnCount).fill(" --- ").join("|")}|`;
  return [lines[0]!, separator, ...lines.slice(1)];
}

/** Splits table A at its section captions, as a converter that starts a new table per caption does. */
function splitActiveTable(table: DocTable): DocTable[] {
  const parts: DocTable[] = [];
  for (const row of table.rows) {
    if (row.cells[0]?.role === "caption") parts.push({ ...table, rows: [] });
    parts[parts.length - 1]!.rows.push(row);
  }
  return parts;
}

/** The report as Markdown (headings, paragraphs, pipe tables), as a document converter writes it. */
export function renderMarkdown(report: GeneratedReport, rng: Rng, opts: RenderOptions): RenderedDocument {
  const { document, expected } = layOut(report, rng, opts);
  const repeatSpans = rng.chance(0.5);
  const lineBreak = rng.pick(["<br>", " "]);
  const splitActive = rng.chance(0.4);
  const headingMark = rng.pick(["##", "###"]);
  const out: string[] = [];
  const source = pickSource(rng, document.agency);
  for (const block of document.blocks) {
    switch (block.kind) {
      case "title":
        out.push(`# ${block.text}`);
        break;
      case "meta":
        out.push(formatDateLine(rng, document, source));
        break;
      case "heading":
        out.push(`${headingMark} ${block.text}`);
        break;
      case "table": {
        const tables = block.table.id === "active" && splitActive ? splitActiveTable(block.table) : [block.table];
        out.push(tables.map((t) => renderPipeTable(t, repeatSpans, lineBreak).join("\n")).join("\n\n"));
        break;
      }
      default:
        out.push(block.text);
    }
  }
  return {
    bytes: new TextEncoder().encode(`${out.join("\n\n")}\n`),
    fileName: pickFileName(rng, document, "md"),
    mediaType: "text/markdown",
    rendering: "markdown",
    encoding: "utf-8",
    expected,
  };
}
