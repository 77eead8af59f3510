import type { Binary } from "./binarize";

/** A ruling line: from (x0, y0) to (x1, y1); horizontal ones left to right, vertical ones top to bottom. */
export type Ruling = { x0: number; y0: number; x1: number; y1: number };

export type Rulings = { horizontal: Ruling[]; vertical: Ruling[]; mask: Uint8Array };

/**
 * Finds a page's ruling lines: runs of ink far longer than any stroke of a character (bridging a scanner's small
 * breaks), joined across neighbouring pixel rows so that a line a little off the horizontal stays one line.
 * `mask` marks their pixels, to be painted out before the cells are read.
 */
export function findRulings(bin: Binary, unit: number): Rulings {
  const mask = new Uint8Array(bin.width * bin.height);
  const horizontal = findLines(bin, mask, "h", Math.round(2.6 * unit), Math.max(2, Math.round(unit / 12)));
  const vertical = findLines(bin, mask, "v", Math.round(1.6 * unit), Math.max(2, Math.round(unit / 12)));
  return { horizontal, vertical, mask };
}

function findLines(bin: Binary, mask: Uint8Array, dir: "h" | "v", minRun: number, gap: number): Ruling[] {
  const { width, height, data } = bin;
  const along = dir === "h" ? width : height;
  const across = dir === "h" ? height : width;
  const at = dir === "h" ? (a: number, c: number) => c * width + a : (a: number, c: number) => a * width + c;
  // Runs per scan line, then runs joined into lines when they overlap on the next scan line (within 1 pixel).
  type Piece = { c0: number; c1: number; a0: number; a1: number; pixels: number; lastRuns: [number, number][] };
  const open: Piece[] = [];
  const done: Piece[] = [];
  for (let c = 0; c < across; c++) {
    const runs: [number, number][] = [];
    let start = -1;
    let lastInk = -1;
    for (let a = 0; a <= along; a++) {
      const ink = a < along && data[at(a, c)] === 1;
      if (ink) {
        if (start < 0 || a - lastInk > gap + 1) {
          if (start >= 0 && lastInk - start + 1 >= minRun) runs.push([start, lastInk]);
          start = a;
        }
        lastInk = a;
      }
    }
    if (start >= 0 && lastInk - start + 1 >= minRun) runs.push([start, lastInk]);
    const next: Piece[] = [];
    for (const run of runs) {
      for (let a = run[0]; a <= run[1]; a++) if (data[at(a, c)]) mask[at(a, c)] = 1;
      const piece = open.find((p) => p.c1 >= c - 2 && p.lastRuns.some(([s, e]) => s <= run[1] && run[0] <= e));
      if (piece) {
        if (piece.c1 !== c) piece.lastRuns = [];
        piece.c1 = c;
        piece.a0 = Math.min(piece.a0, run[0]);
        piece.a1 = Math.max(piece.a1, run[1]);
        piece.pixels += run[1] - run[0] + 1;
        piece.lastRuns.push(run);
        if (!next.includes(piece)) next.push(piece);
      } else {
        const created = { c0: c, c1: c, a0: run[0], a1: run[1], pixels: run[1] - run[0] + 1, lastRuns: [run] };
        next.push(created);
      }
    }
    for (const p of open) {
      if (next.includes(p)) continue;
      if (p.c1 >= c - 2) next.push(p);
      else done.push(p);
    }
    open.length = 0;
    open.push(...next);
  }
  done.push(...open);
  const lines: Ruling[] = [];
  for (const p of done) {
    const thickness = p.c1 - p.c0 + 1;
    const length = p.a1 - p.a0 + 1;
    // A thick block (a filled shape, a seal's solid star) is not a line: lines are long and thin.
    if (length < minRun || thickness > Math.max(12, length / 8)) continue;
    const mid = (p.c0 + p.c1) / 2;
    lines.push(dir === "h" ? { x0: p.a0, y0: mid, x1: p.a1, y1: mid } : { x0: mid, y0: p.a0, x1: mid, y1: p.a1 });
  }
  return lines;
}
