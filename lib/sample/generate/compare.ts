import type { ParsedReport } from "@/lib/report/schema";
import type { ExpectedParse } from "./types";

export type ParseProblem = { cell: string; expected: unknown; got: unknown; why: string };

/** The value at a cell path ("applications.received.total") of a parsed report; undefined when absent. */
export function readCell(report: ParsedReport, path: string): unknown {
  let node: unknown = report;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Whether some issue names the cell, its row, or a cell of it (issue cells may be row paths). */
export function isNamedByIssue(report: ParsedReport, path: string): boolean {
  return (report.issues ?? []).some((issue) =>
    (issue.cells ?? []).some((c) => c === path || path.startsWith(`${c}.`) || c.startsWith(`${path}.`)),
  );
}

function isSameNumber(got: unknown, want: number): boolean {
  return typeof got === "number" && Math.abs(got - want) <= 1e-7 * Math.max(1, Math.abs(want));
}

/** Every way a parse falls short of what the rendering's ground truth and deviations call for. */
export function compareParse(expected: ExpectedParse, parsed: ParsedReport): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const check = (cell: string, want: unknown, got: unknown) => {
    if (want !== got) problems.push({ cell, expected: want, got, why: "wrong value" });
  };
  check("agency", expected.agency, parsed.agency);
  check("year", expected.year, parsed.year);
  check("format", expected.format, parsed.format);
  check("publishedAt", expected.publishedAt, parsed.publishedAt);
  for (const [path, want] of Object.entries(expected.cells)) {
    const got = readCell(parsed, path);
    const named = isNamedByIssue(parsed, path);
    if (!want.present) {
      const implied = want.impliedValue !== undefined && isSameNumber(got, want.impliedValue) && named;
      if (got !== undefined && got !== null && !implied) {
        problems.push({ cell: path, expected: "absent", got, why: "not in the document" });
      }
      continue;
    }
    if (want.absentOk && (got === undefined || got === null)) continue;
    if (isSameNumber(got, want.value ?? 0)) {
      if (want.issue === "required" && !named) {
        problems.push({
          cell: path,
          expected: `an issue (${want.because.join(", ")})`,
          got: "none",
          why: "missing issue",
        });
      }
      continue;
    }
    if (want.unresolvedOk && got === null && named) continue;
    problems.push({
      cell: path,
      expected: want.value,
      got: got === undefined ? "absent" : got,
      why: want.because.length > 0 ? `wrong value (${want.because.join(", ")})` : "wrong value",
    });
  }
  return problems;
}
