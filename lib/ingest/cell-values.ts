import { CELLS } from "@/db/cells";
import type { reportValues } from "@/db/schema";
import { findRegionByCode } from "@/lib/regions";
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

/** Province, prefecture and county of a region code, denormalised so aggregates never walk the region tree. */
function deriveRegionLevels(code: string | null) {
  const levels = {
    provinceCode: null as string | null,
    prefectureCode: null as string | null,
    countyCode: null as string | null,
  };
  for (let r = code ? findRegionByCode(code) : null; r; r = r.parentCode ? findRegionByCode(r.parentCode) : null) {
    if (r.level === 1) levels.provinceCode = r.code;
    else if (r.level === 2) levels.prefectureCode = r.code;
    else levels.countyCode = r.code;
  }
  return levels;
}

/** The `report_values` row of one current report. */
export function buildReportValuesRow(
  reportId: number,
  agency: { id: number; kind: string },
  report: ParsedReport,
): typeof reportValues.$inferInsert {
  return {
    reportId,
    agencyId: agency.id,
    year: report.year!,
    layout: report.format,
    agencyKind: agency.kind,
    ...deriveRegionLevels(report.region?.code ?? null),
    ...collectCellValues(report),
  } as typeof reportValues.$inferInsert;
}
