/** The number at a cell path of the canonical JSON ("applications.received.total"); null when absent or unresolved. */
export function readCellValue(report: unknown, path: string): number | null {
  let node = report;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "number" && Number.isFinite(node) ? node : null;
}
