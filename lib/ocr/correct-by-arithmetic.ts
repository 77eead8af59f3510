import { checkArithmetic } from "@/lib/report/checks";
import { ARITHMETIC_ISSUE_CODES } from "@/lib/report/issue-codes";
import { IssueList } from "@/lib/report/issues";
import type { ParsedReport } from "@/lib/report/schema";
import type { TablesResult } from "@/lib/report/tables/types";

/** A number cell of the scan that became a report cell: its path and what it may read. */
export type Doubt = { key: string; path: string; readings: string[]; variants: string[] };

// Digits a scan turns into one another (a broken 8 reads 0 or 6 or 9, a 7 with a short bar reads 1, …).
const CONFUSABLE: Record<string, string> = {
  "0": "869",
  "1": "74",
  "2": "7",
  "3": "85",
  "4": "1",
  "5": "63",
  "6": "085",
  "7": "12",
  "8": "0693",
  "9": "08",
};

/** Readings one scanning mistake away: one digit taken for a look-alike, a digit dropped, a digit doubled. */
export function listVariants(reading: string): string[] {
  if (!/^\d{1,9}$/.test(reading)) return [];
  const out = new Set<string>();
  for (let i = 0; i < reading.length; i++) {
    for (const d of CONFUSABLE[reading[i]] ?? "") out.add(reading.slice(0, i) + d + reading.slice(i + 1));
    if (reading.length > 1) out.add(reading.slice(0, i) + reading.slice(i + 1));
    out.add(reading.slice(0, i + 1) + reading[i] + reading.slice(i + 1));
  }
  out.delete(reading);
  return [...out].filter((r) => r === "0" || !r.startsWith("0"));
}

function toTables(report: ParsedReport): TablesResult {
  const clone = structuredClone({
    active: report.active,
    applications: report.applications,
    review: {
      review: report.review,
      litigationDirect: report.litigationDirect,
      litigationAfterReview: report.litigationAfterReview,
    },
  });
  return {
    layout: report.format,
    layoutEvidence: "labels",
    active: clone.active as TablesResult["active"],
    applications: clone.applications as TablesResult["applications"],
    review: Object.fromEntries(Object.entries(clone.review).filter(([, v]) => v)) as TablesResult["review"],
    regions: { active: null, applications: null, review: null },
  };
}

function setPath(tables: TablesResult, path: string, value: number): void {
  const [table, ...rest] = path.split(".");
  let node: Record<string, unknown> =
    table === "active" || table === "applications"
      ? (tables[table] as Record<string, unknown>)
      : ((tables.review as Record<string, unknown>)[table] as Record<string, unknown>);
  for (const key of rest.slice(0, -1)) {
    if (!node) return;
    node = node[key] as Record<string, unknown>;
  }
  if (node) node[rest[rest.length - 1]] = value;
}

/** Broken checks: how many, and the cells they name. */
function assess(tables: TablesResult): { broken: number; cells: Set<string> } {
  const issues = new IssueList();
  checkArithmetic(tables, issues);
  const failing = issues.items.filter((i) => ARITHMETIC_ISSUE_CODES.has(i.code));
  return { broken: failing.length, cells: new Set(failing.flatMap((i) => i.cells)) };
}

export type Correction = {
  chosen: Map<string, string>;
  brokenBefore: number;
  brokenAfter: number;
  confirmed: Set<string>;
};

/**
 * Lets the tables' identities choose among a doubtful cell's readings: one cell at a time, the reading that breaks
 * the fewest checks, the engines' own readings before one-mistake variants; stops when no change mends a check.
 * `confirmed` holds the paths of cells every check they are part of holds for at the end.
 */
export function correctByArithmetic(report: ParsedReport, doubts: Doubt[], maxRounds = 12): Correction {
  const tables = toTables(report);
  const chosen = new Map<string, string>();
  let state = assess(tables);
  const brokenBefore = state.broken;
  for (let round = 0; round < maxRounds && state.broken > 0; round++) {
    let best: { doubt: Doubt; value: string; broken: number; rank: number } | null = null;
    for (const doubt of doubts) {
      if (!state.cells.has(doubt.path)) continue;
      const current = chosen.get(doubt.key) ?? doubt.readings[0];
      const options = [...doubt.readings.map((r) => ({ r, rank: 0 })), ...doubt.variants.map((r) => ({ r, rank: 1 }))];
      for (const { r, rank } of options) {
        if (r === current) continue;
        setPath(tables, doubt.path, Number(r));
        const broken = assess(tables).broken;
        if (broken < state.broken && (!best || broken < best.broken || (broken === best.broken && rank < best.rank))) {
          best = { doubt, value: r, broken, rank };
        }
      }
      setPath(tables, doubt.path, Number(current));
    }
    if (!best) break;
    chosen.set(best.doubt.key, best.value);
    setPath(tables, best.doubt.path, Number(best.value));
    state = assess(tables);
  }
  const covered = new Set<string>();
  // A cell is confirmed when it takes part in a check and no broken check names it.
  const probe = assess(zeroOut(tables));
  for (const c of probe.cells) covered.add(c);
  const confirmed = new Set([...covered].filter((c) => !state.cells.has(c)));
  return { chosen, brokenBefore, brokenAfter: state.broken, confirmed };
}

/** Every cell set to a number no identity can hold (square roots of distinct integers): each check names all its cells. */
function zeroOut(tables: TablesResult): TablesResult {
  const copy = structuredClone(tables);
  let n = 0;
  const visit = (node: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === "number") node[k] = Math.sqrt(2 + 3 * n++) + 0.1;
      else if (v && typeof v === "object") visit(v as Record<string, unknown>);
    }
  };
  visit(copy as unknown as Record<string, unknown>);
  return copy;
}
