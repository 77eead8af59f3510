import { addDeviation } from "./expected";
import { FULL_CAPABILITIES } from "./mess-plan";
import type { GeneratedReport } from "./random-report";
import { formatDateLine, layOut, packTextFile, pickSource } from "./render-common";
import type { Rng } from "./rng";
import type { DocCell, ExpectedParse, RenderedDocument, RenderOptions, ReportDocument } from "./types";

/**
 * A label or header as a page flattened to text shows it: a narrow cell wraps it onto two lines,
 * or the cell clipped its last character ("结果维" for 结果维持).
 */
function flattenCell(rng: Rng, cell: DocCell, wrapChance: number, cutChance: number): string[] {
  if (cell.role === "value" || cell.role === "caption" || cell.text === "") return [cell.text];
  return cell.text.split("\n").flatMap((line) => {
    if (line.length >= (cell.role === "header" ? 5 : 9) && rng.chance(wrapChance)) {
      const at = rng.int(4, line.length - 2);
      return [line.slice(0, at), line.slice(at)];
    }
    if (line.length >= 4 && cell.role === "header" && rng.chance(cutChance)) return [line.slice(0, -1)];
    return [line];
  });
}

export function flattenDocument(
  doc: ReportDocument,
  rng: Rng,
  expected: ExpectedParse,
  opts: { wrapChance: number; cutChance: number; tabbed?: boolean; trailingTab?: boolean },
): string[] {
  const lines: string[] = [];
  let wrapped = false;
  let cut = false;
  const source = pickSource(rng, doc.agency);
  for (const block of doc.blocks) {
    if (block.kind === "meta") lines.push(formatDateLine(rng, doc, source));
    else if (block.kind !== "table") lines.push(block.text);
    else if (opts.tabbed) {
      // A table copied out of a browser or a spreadsheet: a row per line, its cells separated by tabs.
      for (const row of block.table.rows) {
        const cells = row.cells.map((cell) => cell.text.replace(/\n/g, ""));
        lines.push(cells.join("\t") + (opts.trailingTab ? "\t" : ""));
      }
    } else {
      for (const row of block.table.rows) {
        for (const cell of row.cells) {
          const out = flattenCell(rng, cell, opts.wrapChance, opts.cutChance);
          if (out.length > cell.text.split("\n").length) wrapped = true;
          if (out.join("").length < cell.text.replace(/\n/g, "").length) cut = true;
          lines.push(...out);
        }
      }
    }
  }
  if (wrapped) addDeviation(expected, "wrapped-labels", [], "optional", "窄单元格中的标签折成两行");
  if (cut) addDeviation(expected, "truncated-labels", [], "optional", "表头被截去末字");
  return lines;
}

/** A web page flattened to text, one table cell per line (like the 牡丹江 seed), with its page furniture. */
export function renderTextLines(report: GeneratedReport, rng: Rng, opts: RenderOptions): RenderedDocument {
  const doubleSpaced = rng.chance(0.5);
  // With blank lines between cells a blank cell is indistinguishable from the separator, so none is printed blank.
  const { document, expected } = layOut(report, rng, opts, { ...FULL_CAPABILITIES, blankCells: !doubleSpaced });
  const m = opts.messiness;
  const tabbed = rng.chance(0.25);
  const body = flattenDocument(document, rng, expected, {
    wrapChance: 0.25 * m,
    cutChance: 0.15 * m,
    tabbed,
    trailingTab: tabbed && rng.chance(0.5),
  });
  const head = rng.chance(0.5) ? [`• ${document.title}`, ""] : [];
  const tail = rng.chance(0.6)
    ? ["来源:", "扫一扫在手机打开当前页", "返回顶部 打印本页 关闭本页"]
    : rng.chance(0.5)
      ? ["【打印本页】【关闭窗口】"]
      : [];
  const text = [...head, ...body, ...tail].join(doubleSpaced ? "\n\n" : "\n");
  return packTextFile(rng, text, document, expected, "text-lines");
}
