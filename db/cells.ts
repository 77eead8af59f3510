import { type SQL, sql } from "drizzle-orm";
import {
  ACTIVE_ROWS,
  type ActiveRowKey,
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  REVIEW_BLOCK_KEYS,
  REVIEW_COLUMNS,
} from "../lib/report/schema";

/** One table cell of the canonical report, as stored in a typed column of `report_values`. */
export type CellDef = {
  /** Path in the canonical JSON, e.g. "applications.received.total". */
  path: string;
  /** SQL column name, e.g. "app_received_total". */
  column: string;
  /** Money cells are 万元 with decimals; everything else is a whole count. */
  kind: "count" | "money";
};

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function collectActiveCells(): CellDef[] {
  const cells: CellDef[] = [];
  for (const [row, def] of Object.entries(ACTIVE_ROWS) as [ActiveRowKey, (typeof ACTIVE_ROWS)[ActiveRowKey]][]) {
    const columns = [...new Set([...def.columns["2019"], ...def.columns["2021"]])];
    for (const col of columns) {
      cells.push({
        path: `active.${row}.${col}`,
        column: `act_${snake(row)}_${snake(col)}`,
        kind: col === "amount" ? "money" : "count",
      });
    }
  }
  return cells;
}

export const CELLS: readonly CellDef[] = [
  ...collectActiveCells(),
  ...APPLICATION_ROW_KEYS.flatMap((row) =>
    APPLICANT_COLUMNS.map((col) => ({
      path: `applications.${row}.${col}`,
      column: `app_${snake(row)}_${snake(col)}`,
      kind: "count" as const,
    })),
  ),
  ...REVIEW_BLOCK_KEYS.flatMap((block) =>
    REVIEW_COLUMNS.map((col) => ({
      path: `${block}.${col}`,
      column: `${snake(block)}_${col}`,
      kind: "count" as const,
    })),
  ),
];

export const CELL_BY_PATH = new Map(CELLS.map((c) => [c.path, c]));

/** The `report_values` column of a cell path, as SQL; throws on an unknown path (a typo in a metric). */
export function cellColumn(path: string): SQL {
  const cell = CELL_BY_PATH.get(path);
  if (!cell) throw new Error(`Unknown report cell: ${path}`);
  return sql`${sql.identifier("report_values")}.${sql.identifier(cell.column)}`;
}
