import {
  ACTIVE_ROW_KEYS,
  ACTIVE_ROWS,
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  LAYOUTS,
  type Layout,
} from "@/lib/report/schema";
import type { GeneratedReport } from "./random-report";
import { listCells } from "./random-report";
import type { CellExpectation, DeviationKind, ExpectedParse } from "./types";

/** Every cell of both layouts: the report's own as present, the rest absent. */
export function expectCells(report: GeneratedReport): Record<string, CellExpectation> {
  const cells: Record<string, CellExpectation> = {};
  const absent = (): CellExpectation => ({
    value: null,
    present: false,
    issue: "optional",
    unresolvedOk: false,
    because: [],
  });
  for (const layout of LAYOUTS) {
    for (const key of ACTIVE_ROW_KEYS) {
      for (const c of ACTIVE_ROWS[key].columns[layout] as readonly string[]) cells[`active.${key}.${c}`] = absent();
    }
    for (const key of APPLICATION_ROW_KEYS) {
      if (!(APPLICATION_ROWS[key].layouts as readonly Layout[]).includes(layout)) continue;
      for (const c of APPLICANT_COLUMNS) cells[`applications.${key}.${c}`] = absent();
    }
  }
  for (const [path, value] of listCells(report)) {
    cells[path] = { value, present: true, issue: "optional", unresolvedOk: false, because: [] };
  }
  return cells;
}

/** Records a deviation injected into a document, on the ground truth and on each cell it touches. */
export function addDeviation(
  expected: Pick<ExpectedParse, "cells" | "deviations">,
  kind: DeviationKind,
  cells: string[],
  issue: "required" | "optional",
  text: string,
): void {
  expected.deviations.push({ kind, cells, issue, note: text });
  for (const path of cells) {
    const cell = expected.cells[path];
    if (!cell) continue;
    if (!cell.because.includes(kind)) cell.because.push(kind);
    if (issue === "required") cell.issue = "required";
  }
}
