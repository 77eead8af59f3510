import { CELLS } from "@/db/cells";
import type { ParsedReport } from "@/lib/report/schema";

function readPath(report: ParsedReport, path: string): unknown {
  let node: unknown = report;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Table cells of a parsed report keyed by `report_values` column; absent or unresolved cells are null. */
export function collectCellValues(report: ParsedReport): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const cell of CELLS) {
    const value = readPath(report, cell.path);
    values[cell.column] = typeof value === "number" && Number.isFinite(value) ? value : null;
  }
  return values;
}
