import type { ChartRow } from "./chart-table";

/** What a report list marks on a report (or on an agency with no report): kept structured until shown or exported. */
export type QualityFlag =
  | { kind: "late"; days: number }
  | { kind: "dateUnknown" }
  | { kind: "checksFailed" }
  | { kind: "issues"; count: number }
  | { kind: "missing" };

export type FlaggedReport = { daysLate: number | null; checksPassed: boolean; issueCount: number };

/** A report's flags, in display order. */
export function listQualityFlags(report: FlaggedReport): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (report.daysLate) flags.push({ kind: "late", days: report.daysLate });
  if (report.daysLate === null) flags.push({ kind: "dateUnknown" });
  if (!report.checksPassed) flags.push({ kind: "checksFailed" });
  if (report.issueCount) flags.push({ kind: "issues", count: report.issueCount });
  return flags;
}

/** The flags of a report-list row, from its own columns; a row without a report is an agency that went missing. */
export function readQualityFlags(row: ChartRow): QualityFlag[] {
  if (row.reportId == null) return [{ kind: "missing" }];
  return listQualityFlags({
    daysLate: typeof row.daysLate === "number" ? row.daysLate : null,
    checksPassed: row.checksPassed === true,
    issueCount: typeof row.issueCount === "number" ? row.issueCount : 0,
  });
}

export function labelQualityFlag(flag: QualityFlag): string {
  switch (flag.kind) {
    case "late":
      return `逾期${flag.days}天`;
    case "dateUnknown":
      return "发布日期不详";
    case "checksFailed":
      return "勾稽不符";
    case "issues":
      return `问题${flag.count}条`;
    case "missing":
      return "缺报";
  }
}

/** Late, failing and missing count against the agency; an unknown date or parser issues only ask for a look. */
export function isSevereFlag(flag: QualityFlag): boolean {
  return flag.kind === "late" || flag.kind === "checksFailed" || flag.kind === "missing";
}

/** The flags as one text cell (CSV, XLSX, JSON): labels joined with "、". */
export function formatQualityFlags(flags: readonly QualityFlag[]): string {
  return flags.map(labelQualityFlag).join("、");
}
