import type { ParsedReport } from "@/lib/report/schema";
import { isNamedByIssue, readCell } from "@/lib/sample/generate/compare";

/** How a scan's cells came out against the source document: right, wrong but named by an issue, wrong unnamed. */
export type ScanScore = {
  cells: number;
  right: number;
  /** Wrong or missing, with an issue naming the cell (OCR_UNCERTAIN, an arithmetic check, a missing row…). */
  flagged: number;
  /** Wrong numbers (or missing cells) no issue names: the one outcome the OCR must never produce. */
  unflagged: { cell: string; want: unknown; got: unknown }[];
};

/** Expected cells of a scan: a generated report's `cells` map, or a hand-read expected.json entry's tables. */
export function listExpectedCells(expected: Record<string, unknown>): [string, number][] {
  const cells = expected.cells as Record<string, { value: unknown; present: boolean }> | undefined;
  if (cells) {
    return Object.entries(cells)
      .filter(([, c]) => c.present && typeof c.value === "number")
      .map(([path, c]) => [path, c.value as number]);
  }
  const out: [string, number][] = [];
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === "number") out.push([prefix, value]);
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, `${prefix}.${k}`);
    }
  };
  for (const t of ["active", "applications", "review", "litigationDirect", "litigationAfterReview"]) {
    if (expected[t] !== undefined) walk(expected[t], t);
  }
  return out;
}

export function scoreScan(expected: [string, number][], parsed: ParsedReport): ScanScore {
  const score: ScanScore = { cells: expected.length, right: 0, flagged: 0, unflagged: [] };
  for (const [path, want] of expected) {
    const got = readCell(parsed, path);
    if (typeof got === "number" && Math.abs(got - want) <= 1e-7 * Math.max(1, Math.abs(want))) score.right++;
    else if (isNamedByIssue(parsed, path)) score.flagged++;
    else score.unflagged.push({ cell: path, want, got });
  }
  return score;
}
