import "server-only";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { reportValues } from "@/db/schema";
import type { ParsedReport } from "@/lib/report/schema";
import type { ReportValuesRow } from "./report-values-row";

const COLUMN_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(getTableColumns(reportValues)).map(([key, column]) => [key, column.name]),
);

/**
 * `insert into report_values` of rows made by `buildReportValuesRow`, all in one jsonb parameter: the statement text
 * is the same for every document (so it prepares once) and for any number of rows (no bind-parameter limit). Columns
 * the rows do not fill keep their defaults. `idFromCte` takes the report id from an earlier CTE of the same statement.
 */
export function insertReportValuesSql(rows: readonly ReportValuesRow[], idFromCte?: string): SQL {
  if (rows.length === 0) throw new Error("insertReportValuesSql needs at least one row");
  const records = rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [COLUMN_NAMES[key] ?? key, value])),
  );
  const names = Object.keys(records[0]).filter((name) => name !== "report_id");
  const columns = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  const values = sql.join(
    names.map((name) => sql`v.${sql.identifier(name)}`),
    sql`, `,
  );
  const json = sql`jsonb_populate_recordset(null::report_values, ${JSON.stringify(records)}::jsonb) v`;
  const source = idFromCte
    ? sql`select ${sql.identifier(idFromCte)}.id, ${values} from ${sql.identifier(idFromCte)}, ${json}`
    : sql`select v.report_id, ${values} from ${json}`;
  return sql`insert into report_values (report_id, ${columns}) ${source}`;
}

/** `insert into report_issues` of a report's issues in one jsonb parameter; the report as in `insertReportValuesSql`. */
export function insertReportIssuesSql(report: number | { idFromCte: string }, issues: ParsedReport["issues"]): SQL {
  const rows = issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message, cells: i.cells ?? [] }));
  const json = sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as i(code text, severity text, message text, cells text[])`;
  const source =
    typeof report === "number"
      ? sql`select ${report}::int, i.code, i.severity, i.message, i.cells from ${json}`
      : sql`select ${sql.identifier(report.idFromCte)}.id, i.code, i.severity, i.message, i.cells
          from ${sql.identifier(report.idFromCte)}, ${json}`;
  return sql`insert into report_issues (report_id, code, severity, message, cells) ${source}`;
}
