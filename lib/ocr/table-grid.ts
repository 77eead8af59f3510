import type { Ruling, Rulings } from "./find-rulings";
import type { Box } from "./raster";

/** A cell of a ruled table: its place in the grid (with spans, as merged cells are) and its box on the page. */
export type GridCell = { row: number; col: number; rowSpan: number; colSpan: number; box: Box };
export type GridTable = { box: Box; ys: number[]; xs: number[]; cells: GridCell[] };

/**
 * Builds the ruled tables of a page from its ruling lines: lines that cross or touch form one table; the table's
 * row and column boundaries are where its lines sit; two neighbouring grid cells are one merged cell when no line
 * separates them.
 */
export function buildTables(rulings: Rulings, unit: number): GridTable[] {
  const { horizontal: hs, vertical: vs } = rulings;
  const tol = Math.max(6, unit / 3);
  const parent = [...hs, ...vs].map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  hs.forEach((h, i) => {
    vs.forEach((v, j) => {
      if (v.x0 >= h.x0 - tol && v.x0 <= h.x1 + tol && h.y0 >= v.y0 - tol && h.y0 <= v.y1 + tol) {
        parent[find(i)] = find(hs.length + j);
      }
    });
  });
  const groups = new Map<number, { h: Ruling[]; v: Ruling[] }>();
  hs.forEach((h, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    g.h.push(h);
    groups.set(find(i), g);
  });
  vs.forEach((v, j) => {
    const g = groups.get(find(hs.length + j)) ?? { h: [], v: [] };
    g.v.push(v);
    groups.set(find(hs.length + j), g);
  });
  const tables: GridTable[] = [];
  for (const { h, v } of groups.values()) {
    if (h.length < 2 || v.length < 2) continue;
    const table = buildGrid(h, v, tol);
    if (table) tables.push(table);
  }
  return tables.sort((a, b) => a.box.y - b.box.y);
}

function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

function buildGrid(hs: Ruling[], vs: Ruling[], tol: number): GridTable | null {
  const left = Math.min(...hs.map((h) => h.x0));
  const right = Math.max(...hs.map((h) => h.x1));
  const ys = cluster(
    hs.map((h) => h.y0),
    tol,
  );
  // An open side (no border line) still bounds the table: the horizontal lines' ends stand for it.
  const xs = cluster([...vs.map((v) => v.x0), left, right], tol);
  if (ys.length < 2 || xs.length < 2) return null;
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const separatesColumns = (c: number, r: number) => {
    const x = xs[c];
    const y = (ys[r] + ys[r + 1]) / 2;
    if (c === 0 || c === cols) return true;
    return vs.some((v) => Math.abs(v.x0 - x) <= tol && v.y0 <= y && v.y1 >= y);
  };
  const separatesRows = (r: number, c: number) => {
    const y = ys[r];
    const x = (xs[c] + xs[c + 1]) / 2;
    if (r === 0 || r === rows) return true;
    return hs.some((h) => Math.abs(h.y0 - y) <= tol && h.x0 <= x && h.x1 >= x);
  };
  const owner = new Int32Array(rows * cols).map((_, i) => i);
  const root = (i: number): number => {
    while (owner[i] !== i) i = owner[i];
    return i;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && !separatesColumns(c + 1, r)) owner[root(r * cols + c + 1)] = root(r * cols + c);
      if (r + 1 < rows && !separatesRows(r + 1, c)) owner[root((r + 1) * cols + c)] = root(r * cols + c);
    }
  }
  const spans = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = root(r * cols + c);
      const s = spans.get(k);
      if (!s) spans.set(k, { r0: r, r1: r, c0: c, c1: c });
      else {
        s.r0 = Math.min(s.r0, r);
        s.r1 = Math.max(s.r1, r);
        s.c0 = Math.min(s.c0, c);
        s.c1 = Math.max(s.c1, c);
      }
    }
  }
  const cells: GridCell[] = [...spans.values()]
    .map((s) => ({
      row: s.r0,
      col: s.c0,
      rowSpan: s.r1 - s.r0 + 1,
      colSpan: s.c1 - s.c0 + 1,
      box: { x: xs[s.c0], y: ys[s.r0], w: xs[s.c1 + 1] - xs[s.c0], h: ys[s.r1 + 1] - ys[s.r0] },
    }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    box: { x: xs[0], y: ys[0], w: xs[cols] - xs[0], h: ys[rows] - ys[0] },
    ys,
    xs,
    cells,
  };
}
