import type { TimeBudget } from "../errors";
import { isBlankMarker, parseCell } from "../numbers";
import { type AcceptSplit, type ColumnSpec, enumerateSplits } from "../split";
import type { RowRecord } from "./records";

export type Resolved =
  | { status: "ok"; raws: (string | null)[]; note?: "extra" | "missing" | "pair" }
  | { status: "ambiguous"; candidates: string[][] };

const PLAIN_NUMBER = /^[+-]?(0|[1-9]\d*)(\.\d+)?(万元|元|件|个|项|条|次|家|宗|起|份|笔)?$/;

/** Turns a record's cells into exactly k printed cells, splitting run-together digits when needed. */
export function resolveCells(
  rec: RowRecord,
  specs: ColumnSpec[],
  accept: AcceptSplit,
  budget: TimeBudget,
  align: "left" | "right" = "right",
  template?: number[],
  pairRow = false,
): Resolved {
  const k = specs.length;
  if (rec.blank) return { status: "ok", raws: Array(k).fill("") };
  let cells = rec.cells.map((c) => c.trim());
  if (rec.grid) return fitGridCells(cells, k, align);
  while (cells.length > k && cells[cells.length - 1] === "") cells = cells.slice(0, -1);
  const placed = template && cells.length < k ? placeByPosition(cells, rec.xs, template) : null;
  if (placed) return { status: "ok", raws: placed };
  if (cells.length === k && cells.every((c) => PLAIN_NUMBER.test(c) || isBlankMarker(c))) {
    return { status: "ok", raws: cells };
  }
  const positioned = rec.xs?.some((x) => Number.isFinite(x)) ?? false;
  if (positioned && cells.length <= k) {
    // Page text keeps each printed number whole: fewer numbers than columns means empty cells, not glued digits.
    return {
      status: "ok",
      raws: [...cells, ...Array(k - cells.length).fill(null)],
      note: cells.length < k ? "missing" : undefined,
    };
  }
  const tokens = cells.map((c) => c.replace(/,/g, ""));
  let split = enumerateSplits(tokens, k, specs, accept, budget);
  // A search cut short without one split that adds up would only list arbitrary splits without the arithmetic.
  if (split.candidates.length === 0 && !split.truncated) split = enumerateSplits(tokens, k, specs, () => true, budget);
  if (split.candidates.length === 1) return { status: "ok", raws: split.candidates[0] };
  if (split.candidates.length > 1) return { status: "ambiguous", candidates: split.candidates };
  if (cells.length > k) return { status: "ok", raws: cells.slice(0, k), note: "extra" };
  if (pairRow && k >= 7 && cells.length === 2 && cells[0] === cells[1] && PLAIN_NUMBER.test(cells[0])) {
    // Flattened pages drop empty cells: "26 26" is 自然人 = 总计 with the organisation columns left blank.
    return { status: "ok", raws: [cells[0], ...Array(k - 2).fill(""), cells[1]], note: "pair" };
  }
  return { status: "ok", raws: [...cells, ...Array(k - cells.length).fill(null)], note: "missing" };
}

/** Grid cells are positional: k of them as they stand, padded, or the window of k holding the values. */
function fitGridCells(cells: string[], k: number, align: "left" | "right"): Resolved {
  if (cells.length === k) return { status: "ok", raws: cells };
  if (cells.length < k)
    return { status: "ok", raws: [...cells, ...Array(k - cells.length).fill(null)], note: "missing" };
  // Spacer cells (merged label columns, colspans rendered as empty cells): the window of k cells holding
  // the most printed values; on a tie, the side the table's labels push values to.
  let best = 0;
  let bestCount = -1;
  for (let start = 0; start + k <= cells.length; start++) {
    const count = cells.slice(start, start + k).filter((c) => c !== "").length;
    if (count > bestCount || (count === bestCount && align === "right")) {
      best = start;
      bestCount = count;
    }
  }
  const kept = cells.slice(best, best + k);
  const dropped = [...cells.slice(0, best), ...cells.slice(best + k)];
  return { status: "ok", raws: kept, note: dropped.some((c) => c !== "") ? "extra" : undefined };
}

/** Puts each printed value under the nearest column; unmatched columns are empty cells. */
function placeByPosition(cells: string[], xs: number[] | undefined, template: number[]): string[] | null {
  if (!xs || xs.length !== cells.length || !xs.every((x) => Number.isFinite(x))) return null;
  let gap = Number.POSITIVE_INFINITY;
  for (let j = 1; j < template.length; j++) gap = Math.min(gap, Math.abs(template[j] - template[j - 1]));
  const out: string[] = template.map(() => "");
  let last = -1;
  for (let i = 0; i < cells.length; i++) {
    let best = -1;
    let distance = Number.POSITIVE_INFINITY;
    template.forEach((centre, j) => {
      const d = Math.abs(centre - xs[i]);
      if (d < distance) {
        distance = d;
        best = j;
      }
    });
    if (best <= last || distance > gap / 2) return null;
    out[best] = cells[i];
    last = best;
  }
  return out;
}

/** Printed cells as numbers, anything that is not a number counting 0 (for sums). */
const DIGITS = /^\d{1,15}$/;

export function toNumbers(raws: string[]): number[] {
  return raws.map((raw) => {
    // Split candidates are mostly bare digits: the arithmetic check runs on each of them.
    if (DIGITS.test(raw)) return Number(raw);
    const cell = parseCell(raw);
    return cell.kind === "number" ? cell.value : 0;
  });
}
