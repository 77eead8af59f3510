import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportIssues, reportValues } from "@/db/schema";
import type { ParsedReport } from "@/lib/report/schema";
import type { StoredAgency } from "./ingest-types";
import { insertReportIssuesSql, insertReportValuesSql } from "./report-rows-sql";
import { buildReportValuesRow } from "./report-values-row";

/** Replaces the typed cell values and the issues of a report that is (again) the current one. */
export async function rewriteValuesAndIssues(
  db: Db,
  reportId: number,
  report: ParsedReport,
  agency: StoredAgency,
): Promise<void> {
  await db.delete(reportValues).where(eq(reportValues.reportId, reportId));
  await db.delete(reportIssues).where(eq(reportIssues.reportId, reportId));
  await db.execute(insertReportValuesSql([buildReportValuesRow(reportId, agency, report)]));
  await db.execute(insertReportIssuesSql(reportId, report.issues));
}
