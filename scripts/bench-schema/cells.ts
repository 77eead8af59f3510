import { CELLS } from "@/db/cells";

/** A cell's 1-based number in db/cells' order: the long designs' `cell` code. */
export function cellNumber(path: string): number {
  const i = CELLS.findIndex((c) => c.path === path);
  if (i < 0) throw new Error(`unknown cell ${path}`);
  return i + 1;
}

/** A cell's column in the wide designs (as in `report_values`). */
export function cellColumn(path: string): string {
  return CELLS[cellNumber(path) - 1]!.column;
}
