import { TimeBudget } from "@/lib/report/errors";
import { describeCell } from "@/lib/report/official-layout";
import { type ParseOptions, parseExtractedDocument } from "@/lib/report/parse-report";
import type { ParsedReport } from "@/lib/report/schema";
import { extractHtml } from "@/lib/report/sources/html";
import { correctByArithmetic, type Doubt, listVariants } from "./correct-by-arithmetic";
import type { OcrCell, OcrPage } from "./ocr-types";
import { cellKey, pagesToHtml } from "./pages-to-html";

export const OCR_ENGINE = "Tesseract 5（chi_sim 通读 + eng 数字逐格复核）";
const PROBE_BASE = 1_000_000;

type NumberCell = { key: string; page: number; cell: OcrCell };

function listNumberCells(pages: OcrPage[]): NumberCell[] {
  const out: NumberCell[] = [];
  for (const page of pages) {
    page.tables.forEach((table, t) => {
      table.cells.forEach((cell, i) => {
        if (cell.readings) out.push({ key: cellKey(page.page, t, i), page: page.page, cell });
      });
    });
  }
  return out;
}

function parseHtml(html: string, opts: ParseOptions): ParsedReport {
  const budget = new TimeBudget(opts.timeoutMs ?? 10_000);
  const { items, lines, titles } = extractHtml(html, budget);
  return parseExtractedDocument(
    { format: "ocr", items, lines, titles, encoding: null, fileDate: null },
    { ...opts, timeoutMs: budget.remainingMs() },
  );
}

/** Every number cell of the report with its value, by path ("applications.received.total" → 26). */
function flattenValues(report: ParsedReport): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (node: unknown, path: string) => {
    if (typeof node === "number") out.set(path, node);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) visit(v, path ? `${path}.${k}` : k);
    }
  };
  for (const table of ["active", "applications", "review", "litigationDirect", "litigationAfterReview"] as const) {
    visit(report[table], table);
  }
  return out;
}

/**
 * Reads OCR'd pages as a report. Which report cell each number cell became is learnt by parsing once with a
 * distinct probe number in every number cell; the tables' arithmetic then chooses among doubtful readings, and
 * every cell whose value was chosen or stays uncertain is named by an OCR_UNCERTAIN issue with its page and box.
 */
export function parseScanPages(pages: OcrPage[], opts: ParseOptions): ParsedReport {
  const numbers = listNumberCells(pages);
  const index = new Map(numbers.map((n, i) => [n.key, i]));
  const probe = parseHtml(
    pagesToHtml(pages, (key, cell) => {
      const i = index.get(key);
      return i === undefined ? cell.text : String(PROBE_BASE + i);
    }),
    opts,
  );
  const pathOf = new Map<string, string>();
  for (const [path, value] of flattenValues(probe)) {
    const i = value - PROBE_BASE;
    if (Number.isInteger(i) && i >= 0 && i < numbers.length) pathOf.set(numbers[i].key, path);
  }
  const first = parseHtml(pagesToHtml(pages), opts);
  const doubts: Doubt[] = [];
  for (const n of numbers) {
    const path = pathOf.get(n.key);
    if (!path || !n.cell.readings) continue;
    const readings = n.cell.readings;
    // A sure cell may still be misread alike by both engines: its variants come last, after every doubtful cell's.
    doubts.push({ key: n.key, path, readings, variants: readings.flatMap(listVariants) });
  }
  const correction = correctByArithmetic(first, doubts);
  const report =
    correction.chosen.size > 0
      ? parseHtml(
          pagesToHtml(pages, (key, cell) => correction.chosen.get(key) ?? cell.text),
          opts,
        )
      : first;
  for (const n of numbers) {
    const path = pathOf.get(n.key);
    if (!path) continue;
    const chosen = correction.chosen.get(n.key);
    if (!n.cell.doubtful && chosen === undefined) continue;
    const value = chosen ?? n.cell.readings?.[0] ?? "";
    const sure = correction.confirmed.has(path);
    const candidates = [...new Set([...(n.cell.readings ?? []), value])];
    const where = `第 ${n.page} 页`;
    const named = describeCell(path, report.format);
    const readings = n.cell.readings ?? [];
    const how =
      chosen !== undefined
        ? `识别为“${readings.join("”或“")}”，按表内勾稽关系取 ${value}`
        : readings.length > 1
          ? `识别结果“${readings.join("”/“")}”不一致，取 ${value}`
          : `识别为 ${value}，可信度低`;
    const check = sure ? "，与表内勾稽关系相符" : chosen !== undefined ? "" : "，勾稽关系无法确认";
    report.issues.push({
      code: "OCR_UNCERTAIN",
      severity: sure && chosen === undefined ? "info" : "warning",
      message: `${named}（${where}）${how}${check}，请对照扫描件核对`,
      cells: [path],
      detail: { candidates, chosen: value, page: n.page, box: n.cell.box, confidence: Math.round(n.cell.conf) },
    });
  }
  report.source = {
    shape: "ocr",
    encoding: null,
    mediaType: opts.mediaType ?? null,
    ocr: {
      engine: OCR_ENGINE,
      pages: pages.map((p) => ({ page: p.page, width: p.width, height: p.height, skew: p.skew, ms: Math.round(p.ms) })),
    },
  };
  return report;
}
