import "server-only";
import { passesArithmeticChecks } from "@/lib/report/issue-codes";
import type { ParsedReport } from "@/lib/report/schema";

/** The `reports` columns that follow from a report's issues. */
export function summarizeIssues(issues: ParsedReport["issues"]): {
  issueCount: number;
  errorCount: number;
  checksPassed: boolean;
} {
  return {
    issueCount: issues.length,
    errorCount: issues.filter((i) => i.severity === "error").length,
    checksPassed: passesArithmeticChecks(issues),
  };
}
