import type { DocCell, DocTable } from "./types";

export type PlacedCell = DocCell & { row: number; col: number; rowSpan: number; colSpan: number };

/** Positions of a table's cells on its grid, resolving row and column spans as HTML does. */
export function placeCells(table: DocTable): PlacedCell[] {
  const taken: boolean[][] = [];
  const placed: PlacedCell[] = [];
  table.rows.forEach((row, r) => {
    taken[r] ??= [];
    let col = 0;
    for (const cell of row.cells) {
      while (taken[r]![col]) col++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let dr = 0; dr < rowSpan; dr++) {
        taken[r + dr] ??= [];
        for (let dc = 0; dc < colSpan; dc++) taken[r + dr]![col + dc] = true;
      }
      placed.push({ ...cell, row: r, col, rowSpan, colSpan });
      col += colSpan;
    }
  });
  return placed;
}

/** The grid as a matrix of cell references; a spanned position points at its spanning cell. */
export function expandGrid(table: DocTable): (PlacedCell | null)[][] {
  const grid: (PlacedCell | null)[][] = table.rows.map(() => Array<PlacedCell | null>(table.columnCount).fill(null));
  for (const cell of placeCells(table)) {
    for (let dr = 0; dr < cell.rowSpan; dr++) {
      for (let dc = 0; dc < cell.colSpan; dc++) {
        const row = grid[cell.row + dr];
        if (row) row[cell.col + dc] = cell;
      }
    }
  }
  return grid;
}
