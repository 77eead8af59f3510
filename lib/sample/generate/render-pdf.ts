import PDFDocument from "pdfkit";
import { loadCjkFont } from "./cjk-font";
import { placeCells } from "./grid";
import type { GeneratedReport } from "./random-report";
import { formatDateLine, layOut, pickFileName, pickSource } from "./render-common";
import type { Rng } from "./rng";
import type { DocTable, RenderedDocument, RenderOptions } from "./types";

const PAGE = { width: 595.28, height: 841.89, left: 72, right: 72, top: 72, bottom: 60 };
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const CELL_PAD = 3;

function computeColumnWidths(table: DocTable): number[] {
  if (table.id === "applications") {
    // A narrow first column prints 三、本年度办理结果 one character per line, as in real PDFs.
    const labels = [18, 44, 120];
    const rest = (CONTENT_WIDTH - labels.reduce((a, b) => a + b, 0)) / (table.columnCount - 3);
    return [...labels, ...Array<number>(table.columnCount - 3).fill(rest)];
  }
  if (table.id === "active") return [CONTENT_WIDTH * 0.34, ...Array<number>(3).fill((CONTENT_WIDTH * 0.66) / 3)];
  return Array<number>(table.columnCount).fill(CONTENT_WIDTH / table.columnCount);
}

function drawTable(doc: PDFKit.PDFDocument, table: DocTable, fontSize: number): void {
  const widths = computeColumnWidths(table);
  const xs = [PAGE.left];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  const placed = placeCells(table);
  doc.fontSize(fontSize);
  const textHeight = (text: string, width: number) =>
    text === "" ? fontSize : doc.heightOfString(text, { width: width - 2 * CELL_PAD, align: "center" });
  const heights = table.rows.map(() => fontSize + 2 * CELL_PAD + 4);
  for (const cell of placed.filter((c) => c.rowSpan === 1)) {
    const w = xs[cell.col + cell.colSpan]! - xs[cell.col]!;
    heights[cell.row] = Math.max(heights[cell.row]!, textHeight(cell.text, w) + 2 * CELL_PAD + 2);
  }
  for (const cell of placed.filter((c) => c.rowSpan > 1)) {
    const w = xs[cell.col + cell.colSpan]! - xs[cell.col]!;
    const need = textHeight(cell.text, w) + 2 * CELL_PAD;
    const have = heights.slice(cell.row, cell.row + cell.rowSpan).reduce((a, b) => a + b, 0);
    if (need > have) {
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) heights[r]! += (need - have) / cell.rowSpan;
    }
  }
  // Place rows on pages, breaking between rows.
  const start = doc.bufferedPageRange();
  let page = start.start + start.count - 1;
  let y = doc.y;
  const rowAt: { page: number; y: number }[] = [];
  for (const h of heights) {
    if (y + h > PAGE.height - PAGE.bottom) {
      doc.addPage();
      page++;
      y = PAGE.top;
    }
    rowAt.push({ page, y });
    y += h;
  }
  const lastPage = page;
  for (const cell of placed) {
    const x = xs[cell.col]!;
    const w = xs[cell.col + cell.colSpan]! - x;
    // A cell spanning a page break is drawn as one box per page; its text goes in the tallest piece.
    const pieces: { page: number; y: number; h: number }[] = [];
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      const at = rowAt[r]!;
      const last = pieces[pieces.length - 1];
      if (last && last.page === at.page) last.h += heights[r]!;
      else pieces.push({ page: at.page, y: at.y, h: heights[r]! });
    }
    let best = pieces[0]!;
    for (const p of pieces) {
      doc.switchToPage(p.page);
      doc.lineWidth(0.6).rect(x, p.y, w, p.h).stroke();
      if (p.h > best.h) best = p;
    }
    if (cell.text !== "") {
      doc.switchToPage(best.page);
      const th = textHeight(cell.text, w);
      const ty = best.y + Math.max(CELL_PAD, (best.h - th) / 2);
      doc.text(cell.text, x + CELL_PAD, ty, {
        width: w - 2 * CELL_PAD,
        height: best.h,
        align: cell.role === "label" && w > 60 ? "left" : "center",
        lineBreak: true,
      });
    }
  }
  doc.switchToPage(lastPage);
  doc.x = PAGE.left;
  doc.y = y + 10;
}

/** A PDF as an office prints one: title, body text, and the tables drawn as ruled grids with text in each cell. */
export async function renderPdf(report: GeneratedReport, rng: Rng, opts: RenderOptions): Promise<RenderedDocument> {
  const { document, expected } = layOut(report, rng, opts);
  const { font, bytes: fontBytes } = loadCjkFont();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    info: { Title: document.title, Author: document.agency },
  });
  doc.registerFont("cjk", fontBytes, font.family);
  doc.font("cjk");
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  const tableFont = rng.pick([8, 9]);
  const source = pickSource(rng, document.agency);
  for (const block of document.blocks) {
    switch (block.kind) {
      case "title":
        doc.fontSize(rng.pick([18, 20])).text(block.text, { align: "center" });
        doc.moveDown(0.8);
        break;
      case "meta":
        if (rng.chance(0.4))
          doc
            .fontSize(11)
            .text(formatDateLine(rng, document, source), { align: "center" })
            .moveDown(0.5);
        break;
      case "heading":
        doc.fontSize(14).text(block.text, { indent: 28 }).moveDown(0.3);
        break;
      case "table":
        if (doc.y > PAGE.height - PAGE.bottom - 80) doc.addPage();
        drawTable(doc, block.table, tableFont);
        break;
      case "signature":
        doc.fontSize(12).text(block.text, { align: "right" });
        break;
      default:
        doc.fontSize(12).text(block.text, { indent: 24, lineGap: 4 }).moveDown(0.3);
    }
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin pdfkit would open a new page for the folio; lift the margin while writing it.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(10)
      .text(`- ${i + 1} -`, 0, PAGE.height - 40, { width: PAGE.width, align: "center", lineBreak: false });
  }
  doc.end();
  await done;
  return {
    bytes: new Uint8Array(Buffer.concat(chunks)),
    fileName: pickFileName(rng, document, "pdf"),
    mediaType: "application/pdf",
    rendering: "pdf",
    expected,
  };
}
