import {
  ARITHMETIC_ISSUE_CODES,
  ISSUE_CODE_INFO,
  type IssueSeverity,
  isMarkedSeverity,
  SEVERITY_LABELS,
  toSeverity,
} from "./issue-codes";
import { describeCellsByRow } from "./official-layout";
import { ISSUE_SEVERITIES, type Layout } from "./schema";

/** An issue as stored with a report (the canonical JSON's, or a `report_issues` row). */
export type IssueLike = { code: string; severity: string; message: string; cells: readonly string[] };

/** Issues of one code and severity, said once. */
export type IssueGroup = {
  code: string;
  severity: IssueSeverity;
  /** One line: the issue's own message, or for several the code's words with their count. */
  headline: string;
  /** Issues in the group, or cells when the code counts cells. */
  count: number;
  /** When several issues share the code: each one's message (each says which row, column or figure). */
  messages: string[];
  /** Cells the messages count without naming, row by row in the official table's words. */
  cellNames: string[];
  /** One of the 勾稽 checks. */
  arithmetic: boolean;
};

const unique = <T>(items: Iterable<T>) => [...new Set(items)];
const rank = (severity: string) => ISSUE_SEVERITIES.indexOf(toSeverity(severity));

/**
 * Groups a report's issues by code and severity, worst first, in the official table's words: one headline per group
 * ("125 个单元格为空白或划线，按 0 计") with the messages and cells behind it; never an internal path.
 */
export function groupIssues(issues: readonly IssueLike[], layout?: Layout | null): IssueGroup[] {
  const byKey = new Map<string, IssueLike[]>();
  for (const issue of issues) {
    const key = `${toSeverity(issue.severity)} ${issue.code}`;
    byKey.set(key, [...(byKey.get(key) ?? []), issue]);
  }
  const groups = [...byKey.values()].map((list): IssueGroup => {
    const { code } = list[0];
    const info = ISSUE_CODE_INFO[code];
    const messages = unique(list.map((i) => i.message));
    const cells = unique(list.flatMap((i) => i.cells));
    const countsCells = info?.counts === "cells" && cells.length > 0;
    const count = countsCells ? cells.length : list.length;
    const headline =
      messages.length === 1 ? messages[0] : info ? info.title(count) : `${messages[0]}等 ${messages.length} 条`;
    return {
      code,
      severity: toSeverity(list[0].severity),
      headline,
      count,
      messages: messages.length > 1 ? messages : [],
      // Codes whose messages name their rows and cells need no list; unknown codes get one to be safe.
      cellNames: info && !countsCells ? [] : describeCellsByRow(cells, layout),
      arithmetic: ARITHMETIC_ISSUE_CODES.has(code),
    };
  });
  const rank = (g: IssueGroup) => ISSUE_SEVERITIES.indexOf(g.severity);
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i)
    .map(({ g }) => g);
}

/** What a table cell shows of the issues on it: the worst severity, and each issue said of this one cell. */
export type CellMark = { severity: IssueSeverity; notes: string[] };

/**
 * Errors and warnings by cell (an issue on a row or table marks each of its cells); notes (info) mark nothing.
 * Returns a lookup by canonical cell path.
 */
export function markIssueCells(issues: readonly IssueLike[]): (path: string) => CellMark | null {
  const byPath = new Map<string, IssueLike[]>();
  for (const issue of issues) {
    if (!isMarkedSeverity(issue.severity)) continue;
    for (const cell of issue.cells) byPath.set(cell, [...(byPath.get(cell) ?? []), issue]);
  }
  return (path) => {
    const parts = path.split(".");
    const found: IssueLike[] = [];
    for (let n = parts.length; n > 0; n--) found.push(...(byPath.get(parts.slice(0, n).join(".")) ?? []));
    if (found.length === 0) return null;
    const worstFirst = [...found].sort((a, b) => rank(a.severity) - rank(b.severity));
    const notes = unique(
      worstFirst.map(
        (i) => `${SEVERITY_LABELS[toSeverity(i.severity)]}：${ISSUE_CODE_INFO[i.code]?.cellNote ?? i.message}`,
      ),
    );
    return { severity: toSeverity(worstFirst[0].severity), notes };
  };
}
