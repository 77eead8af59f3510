import { type SQL, sql } from "drizzle-orm";
import reportValueColumns from "./report-value-columns.json";

/** One table cell of the canonical report, as stored in a typed column of `report_values`. */
export type CellDef = {
  /** Path in the canonical JSON, e.g. "applications.received.total". */
  path: string;
  /** SQL column name, e.g. "app_received_total". */
  column: string;
  /** Money cells are 万元 with decimals; everything else is a whole count. */
  kind: "count" | "money";
};

/** Generated from lib/report/schema by `npm run db:columns` (db/ imports nothing from lib/). */
export const CELLS = reportValueColumns.columns as readonly CellDef[];

export const CELL_BY_PATH: ReadonlyMap<string, CellDef> = new Map(CELLS.map((c) => [c.path, c]));

/** The `report_values` column of a cell path, as SQL; throws on an unknown path (a typo in a metric). */
export function cellColumn(path: string): SQL {
  const cell = CELL_BY_PATH.get(path);
  if (!cell) throw new Error(`Unknown report cell: ${path}`);
  return sql`${sql.identifier("report_values")}.${sql.identifier(cell.column)}`;
}
