import type { ParsedReport } from "./schema";

type Box = { x: number; y: number; w: number; h: number };

/** A scanned report's page sizes and the cells OCR flagged, with where each is printed (from OCR_UNCERTAIN). */
export function listScanCells(parsed: ParsedReport) {
  const pages = parsed.source?.ocr?.pages ?? [];
  const cells = parsed.issues.flatMap((issue) => {
    const d = issue.detail as { page?: unknown; box?: Box } | undefined;
    if (issue.code !== "OCR_UNCERTAIN" || typeof d?.page !== "number" || !d.box) return [];
    return [{ path: issue.cells[0] ?? "", message: issue.message, severity: issue.severity, page: d.page, box: d.box }];
  });
  const rank = (s: string) => (s === "error" ? 0 : s === "warning" ? 1 : 2);
  cells.sort((a, b) => rank(a.severity) - rank(b.severity) || a.page - b.page || a.box.y - b.box.y);
  return { isScan: parsed.source?.shape === "ocr", pages, cells };
}
