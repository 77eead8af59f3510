import { readCellValue } from "@/lib/report/read-cell";
import "server-only";
import { CELLS } from "@/db/cells";
import type { reportValues } from "@/db/schema";
import { ancestorsOf, findRegionByCode } from "@/lib/regions/region-tree";
import type { ParsedReport } from "@/lib/report/schema";
import type { StoredAgency } from "./ingest-types";

export type ReportValuesRow = typeof reportValues.$inferInsert;

/** Province, prefecture and county of a region code, denormalised so aggregates never walk the region tree. */
function deriveRegionLevels(code: string | null) {
  const levels = {
    provinceCode: null as string | null,
    prefectureCode: null as string | null,
    countyCode: null as string | null,
  };
  const region = code ? findRegionByCode(code) : null;
  for (const r of region ? [region, ...ancestorsOf(region)] : []) {
    if (r.level === 1) levels.provinceCode = r.code;
    else if (r.level === 2) levels.prefectureCode = r.code;
    else levels.countyCode = r.code;
  }
  return levels;
}

/** The `report_values` row of one current report: every table cell (absent or unresolved ones null). */
export function buildReportValuesRow(reportId: number, agency: StoredAgency, report: ParsedReport): ReportValuesRow {
  const cells: Record<string, number | null> = {};
  for (const cell of CELLS) cells[cell.column] = readCellValue(report, cell.path);
  return {
    reportId,
    agencyId: agency.id,
    year: report.year!,
    layout: report.format,
    agencyKind: agency.kind,
    ...deriveRegionLevels(report.region?.code ?? null),
    ...cells,
  } as ReportValuesRow;
}
