import { ACTIVE_ROWS, type ActiveRowKey, APPLICATION_ROWS, type ApplicationRowKey, type Layout } from "./schema";

/** Whether the layout prints this table B row (2021 has rows 2019 lacks and the other way round). */
export function isApplicationRowInLayout(row: ApplicationRowKey, layout: Layout): boolean {
  return (APPLICATION_ROWS[row]?.layouts as readonly string[] | undefined)?.includes(layout) ?? false;
}

/** Whether the layout prints the cell at this canonical path; table C cells are the same in both layouts. */
export function isCellInLayout(path: string, layout: Layout): boolean {
  const [head, row, column] = path.split(".");
  if (head === "active") {
    const columns: readonly string[] = ACTIVE_ROWS[row as ActiveRowKey]?.columns[layout] ?? [];
    return columns.includes(column);
  }
  if (head === "applications") return isApplicationRowInLayout(row as ApplicationRowKey, layout);
  return true;
}

/** Whether `path` lies under `ancestor` (a cell, row or table path): an issue on a row concerns each of its cells. */
export function isPathUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}
