import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { placeCells } from "./grid";
import type { GeneratedReport } from "./random-report";
import { layOut, pickFileName } from "./render-common";
import type { Rng } from "./rng";
import type { DocCell, DocTable, RenderedDocument, RenderOptions } from "./types";

const BODY_FONT = "仿宋_GB2312";
const HEADING_FONT = "黑体";

/** Text split into runs the way Word's revision history leaves it. */
function buildRuns(
  rng: Rng,
  text: string,
  opts: { font: string; size: number; bold?: boolean; split: boolean },
): TextRun[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const len = !opts.split || rest.length <= 3 ? rest.length : rng.int(2, Math.min(rest.length, 10));
    pieces.push(rest.slice(0, len));
    rest = rest.slice(len);
  }
  return pieces.map(
    (p) => new TextRun({ text: p, font: opts.font, size: opts.size, ...(opts.bold ? { bold: true } : {}) }),
  );
}

function computeColumnWidths(table: DocTable): number[] {
  const total = 9000;
  if (table.id === "applications") {
    const labels = [700, 1000, 2300];
    const rest = (total - 4000) / (table.columnCount - 3);
    return [...labels, ...Array(table.columnCount - 3).fill(Math.floor(rest))];
  }
  if (table.id === "active") return [3000, 2000, 2000, 2000];
  return Array(table.columnCount).fill(Math.floor(total / table.columnCount));
}

function buildTableCell(rng: Rng, cell: DocCell, width: number, split: boolean): TableCell {
  const paragraphs = cell.text.split("\n").map(
    (line) =>
      new Paragraph({
        alignment: cell.role === "label" ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: line === "" ? [] : buildRuns(rng, line, { font: BODY_FONT, size: 21, split }),
      }),
  );
  return new TableCell({
    children: paragraphs,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: width, type: WidthType.DXA },
    ...(cell.colSpan && cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
    ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
  });
}

function buildTable(rng: Rng, table: DocTable, split: boolean): Table {
  const widths = computeColumnWidths(table);
  const placed = placeCells(table);
  let next = 0;
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  return new Table({
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: table.rows.map(
      (row) =>
        new TableRow({
          children: row.cells.map((cell) => {
            // placeCells keeps the cells' order, so the next placed cell is this one.
            const at = placed[next++]!;
            const span = widths.slice(at.col, at.col + at.colSpan);
            return buildTableCell(
              rng,
              cell,
              span.reduce((a, b) => a + b, 0),
              split,
            );
          }),
        }),
    ),
  });
}

/** A Word document: real tables with merged cells, headings and body text in 仿宋. */
export async function renderDocx(report: GeneratedReport, rng: Rng, opts: RenderOptions): Promise<RenderedDocument> {
  const { document, expected } = layOut(report, rng, opts);
  const split = rng.chance(0.5);
  const children: (Paragraph | Table)[] = [];
  for (const block of document.blocks) {
    switch (block.kind) {
      case "title":
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 300 },
            children: buildRuns(rng, block.text, { font: "方正小标宋简体", size: 36, split: false }),
          }),
        );
        break;
      case "meta":
        if (rng.chance(0.5)) {
          children.push(
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: buildRuns(rng, `（${document.publishedAt}）`, { font: BODY_FONT, size: 24, split: false }),
            }),
          );
        }
        break;
      case "heading":
        children.push(
          new Paragraph({
            indent: { firstLine: 640 },
            children: buildRuns(rng, block.text, { font: HEADING_FONT, size: 32, split }),
          }),
        );
        break;
      case "table":
        children.push(buildTable(rng, block.table, split));
        break;
      case "signature":
        children.push(
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: buildRuns(rng, block.text, { font: BODY_FONT, size: 32, split: false }),
          }),
        );
        break;
      default:
        children.push(
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: { line: 560 },
            children: buildRuns(rng, block.text, { font: BODY_FONT, size: 32, split }),
          }),
        );
    }
  }
  const doc = new Document({
    creator: document.agency,
    title: document.title,
    sections: [{ children }],
  });
  const buffer = await Packer.toBuffer(doc);
  return {
    bytes: new Uint8Array(buffer),
    fileName: pickFileName(rng, document, "docx"),
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    rendering: "docx",
    expected,
  };
}
