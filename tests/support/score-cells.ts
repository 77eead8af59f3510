import { parseDocument } from "@/lib/ingest/parse-document";
import type { ParsedReport } from "@/lib/report/schema";
import { compareParse, isNamedByIssue, readCell } from "@/lib/sample/generate/compare";
import type { ExpectedParse } from "@/lib/sample/generate/types";

/** Parses text as a crawler's .txt file. */
export function parseText(text: string): Promise<ParsedReport> {
  return parseDocument(new TextEncoder().encode(text), {
    fileName: "report.txt",
    mediaType: "text/plain",
    timeoutMs: 20_000,
  });
}

export type CellScore = {
  right: number;
  unresolved: number;
  wrong: { cell: string; expected: unknown; got: unknown }[];
};

/** Cells right, left null/absent with an issue naming them (acceptable), and wrong (a number, or no issue). */
export function scoreParse(expected: ExpectedParse, parsed: ParsedReport): CellScore {
  const problems = compareParse(expected, parsed).filter((p) => !["agency", "year", "publishedAt"].includes(p.cell));
  const score: CellScore = { right: 0, unresolved: 0, wrong: [] };
  const bad = new Set(problems.map((p) => p.cell));
  for (const [path, want] of Object.entries(expected.cells)) {
    if (!want.present) continue;
    const got = readCell(parsed, path);
    if (!bad.has(path)) score.right++;
    else if ((got === null || got === undefined) && isNamedByIssue(parsed, path)) score.unresolved++;
  }
  for (const p of problems) {
    const got = readCell(parsed, p.cell);
    if ((got === null || got === undefined) && p.why !== "missing issue" && isNamedByIssue(parsed, p.cell)) continue;
    score.wrong.push({ cell: p.cell, expected: p.expected, got: p.got });
  }
  return score;
}

/** Flat hand-read cells ("applications.received.natural" → 26) of an expected.json entry. */
export function listHandReadCells(want: Record<string, unknown>): [string, unknown][] {
  const walk = (value: unknown, prefix: string[]): [string, unknown][] =>
    value === null || typeof value !== "object" || Array.isArray(value)
      ? [[prefix.join("."), value]]
      : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => walk(v, [...prefix, k]));
  return (["active", "applications", "review", "litigationDirect", "litigationAfterReview"] as const).flatMap((t) =>
    want[t] === undefined ? [] : walk(want[t], [t]),
  );
}
