import { UNDECIDED_CELL } from "../document";
import { isValueLike, parseCell, toHalfWidth } from "../numbers";

/** Value column `target` equals the sum of value columns `parts`. */
export type ColumnEquation = { target: number; parts: number[] };

/** The two cells a cell holds when its `|` was lost between two values printed a space apart ("12 34", "0 无"). */
function splitTwoValues(cell: string): [string, string] | null {
  const parts = toHalfWidth(cell).trim().split(/\s+/);
  if (parts.length !== 2 || !parts.every((p) => isValueLike(p) && parseCell(p).kind !== "unreadable")) return null;
  return [parts[0], parts[1]];
}

/** Whether a cell holds two values a space apart: two cells whose `|` was lost. */
export function holdsTwoNumbers(cell: string): boolean {
  return splitTwoValues(cell) !== null;
}

/** Equations the header words imply: each 总计 column sums the columns since the previous one (小计 columns aside). */
export function deriveEquations(headers: string[]): ColumnEquation[] {
  const out: ColumnEquation[] = [];
  let parts: number[] = [];
  headers.forEach((h, i) => {
    const text = h.replace(/\s+/g, "");
    if (/总计|合计/.test(text)) {
      if (parts.length >= 2) out.push({ target: i, parts });
      parts = [];
    } else if (!/小计/.test(text)) parts.push(i);
  });
  return out;
}

function toValue(cell: string): number | null {
  const c = parseCell(cell);
  if (c.kind === "number") return c.value;
  return c.kind === "blank" ? 0 : null;
}

/** Whether the row adds up; `blankTotals`: a total left empty counts as adding up (the reader fills it in). */
function satisfies(values: string[], equations: ColumnEquation[], blankTotals: boolean): boolean {
  return equations.every(({ target, parts }) => {
    if (blankTotals && (values[target] ?? "").trim() === "") return true;
    const t = toValue(values[target] ?? "");
    const ps = parts.map((p) => toValue(values[p] ?? ""));
    if (t === null || ps.some((p) => p === null)) return false;
    return Math.abs(t - ps.reduce((s: number, p) => s + (p ?? 0), 0)) < 1e-6;
  });
}

const MAX_PLACEMENTS = 6000;

/** Every way to spread `values` over `count` cells in order, the others empty (none when there are too many ways). */
function listPlacements(values: string[], count: number): string[][] {
  const out: string[][] = [];
  const place = (row: string[], next: number) => {
    if (out.length > MAX_PLACEMENTS) return;
    if (next === values.length) {
      out.push([...row, ...Array(count - row.length).fill("")]);
      return;
    }
    for (let at = row.length; at <= count - (values.length - next); at++) {
      place([...row, ...Array(at - row.length).fill(""), values[next]], next + 1);
    }
  };
  place([], 0);
  return out.length > MAX_PLACEMENTS ? [] : out;
}

/** Every way `count` value cells could have been printed as `values` (one too few): one `|` lost somewhere. */
function listCandidates(values: string[], count: number): string[][] {
  const out = listPlacements(values, count);
  if (values.length < count - 1) return out;
  values.forEach((cell, i) => {
    if (/^(无\s*){2}$/.test(cell.trim())) {
      out.push([...values.slice(0, i), "无", "无", ...values.slice(i + 1)]);
      return;
    }
    const spaced = splitTwoValues(cell);
    if (spaced) {
      out.push([...values.slice(0, i), ...spaced, ...values.slice(i + 1)]);
      return;
    }
    const digits = cell.trim();
    if (!/^\d{2,}$/.test(digits)) return;
    for (let k = 1; k < digits.length; k++) {
      const [a, b] = [digits.slice(0, k), digits.slice(k)];
      if (b.length > 1 && b.startsWith("0")) continue;
      out.push([...values.slice(0, i), a, b, ...values.slice(i + 1)]);
    }
  });
  return out;
}

/**
 * The `count` value cells of a row printed with too few (plain text drops every empty cell): a cell holding two numbers a space apart is split;
 * otherwise the one reading the row's own arithmetic accepts; otherwise cells that differ between readings are undecided.
 */
export function fitShortValues(
  values: string[],
  count: number,
  equations: ColumnEquation[],
  spanned: boolean[],
  plainText = false,
): string[] {
  const spaced = values.filter(holdsTwoNumbers);
  if (spaced.length === 1 && values.length === count - 1) {
    const i = values.findIndex(holdsTwoNumbers);
    return [...values.slice(0, i), ...(splitTwoValues(values[i]) ?? []), ...values.slice(i + 1)];
  }
  let all = listCandidates(values, count);
  if (all.length === 0) return Array(count).fill(UNDECIDED_CELL);
  // "01" is no count a table prints: it is two cells run together.
  const whole = all.filter((c) => !c.some((cell) => /^0\d/.test(cell.trim())));
  if (whole.length > 0) all = whole;
  const spanFits = all.filter((c) => c.every((cell, j) => !spanned[j] || cell === ""));
  if (spanFits.length > 0) all = spanFits;
  const strict = equations.length > 0 ? all.filter((c) => satisfies(c, equations, false)) : [];
  // Plain text drops empty cells, a printed-blank total among them; a pipe row prints its blanks.
  const blankTier = plainText && strict.length === 0 && equations.length > 0;
  const accepted = blankTier ? all.filter((c) => satisfies(c, equations, true)) : strict;
  const pool = accepted.length > 0 ? accepted : all;
  const out = Array.from({ length: count }, (_, j) => {
    const first = pool[0][j];
    const v = toValue(first);
    // A blank total is filled in from its parts, so there blank and a printed 0 are different readings.
    const total = equations.some((e) => e.target === j);
    const agree = pool.every((c) => {
      const w = toValue(c[j]);
      return w === v && (v !== null || c[j] === first) && (!total || (c[j] === "") === (first === ""));
    });
    if (!agree) return UNDECIDED_CELL;
    // Some reading has this cell empty: say it was blank rather than print a 0 the page may not have.
    return pool.some((c) => c[j] === "") ? "" : first;
  });
  // A blank total is filled in from its parts: with a part undecided, so is the total.
  for (const { target, parts } of equations) {
    if (out[target] === "" && parts.some((p) => out[p] === UNDECIDED_CELL)) out[target] = UNDECIDED_CELL;
  }
  return out;
}
