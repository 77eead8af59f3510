import type { ParseIssue } from "./schema";

/** Collects issues; codes are stable identifiers, messages Chinese. */
export class IssueList {
  readonly items: ParseIssue[] = [];

  add(
    code: string,
    severity: ParseIssue["severity"],
    message: string,
    cells: string[] = [],
    detail?: Record<string, unknown>,
  ): void {
    this.items.push(detail ? { code, severity, message, cells, detail } : { code, severity, message, cells });
  }
}
