import type { TimeBudget } from "./errors";
import { isBlankMarker } from "./numbers";

export type ColumnSpec = { decimal?: boolean; signed?: boolean };

const MAX_VISITS = 300_000;
const MAX_CANDIDATES = 2000;
const MAX_PART_DIGITS = 9;

const NO_SPEC: ColumnSpec = {};
const UNIT = /(万元|元|件|个|项|条|次|家|宗|起|份|笔)$/;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSign = (c: number) => c === 43 || c === 45;

/** `s[from, to)` is `^([+-]?)(0|[1-9]\d*)(\.\d+)?$`, signed only as a signed column's first part, decimal where allowed. */
function validPart(s: string, from: number, to: number, spec: ColumnSpec, first: boolean): boolean {
  let i = from;
  if (i < to && isSign(s.charCodeAt(i))) {
    if (!first || !spec.signed) return false;
    i++;
  }
  const intStart = i;
  if (i >= to || !isDigit(s.charCodeAt(i))) return false;
  if (s.charCodeAt(i) === 48) i++;
  else while (i < to && isDigit(s.charCodeAt(i))) i++;
  if (i - intStart > MAX_PART_DIGITS) return false;
  if (i === to) return true;
  if (s.charCodeAt(i) !== 46 || !spec.decimal || i + 1 === to) return false;
  for (i++; i < to; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** No longer head can be valid: it starts with a zero no decimal point follows, or its integer part is too long. */
function endsHeads(s: string, from: number, to: number): boolean {
  const start = isSign(s.charCodeAt(from)) ? from + 1 : from;
  if (s.charCodeAt(start) === 48 && s.charCodeAt(start + 1) !== 46) return true;
  if (to - start <= MAX_PART_DIGITS) return false;
  for (let i = start; i < to; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Whether a split adds up; `prefix`, when given, rejects a partial split early (each block of 表四 on its own). */
export type AcceptSplit = ((raws: string[]) => boolean) & { prefix?: (raws: string[]) => boolean };

export type SplitResult = {
  /** Each candidate is one raw string per column. */
  candidates: string[][];
  truncated: boolean;
};

/**
 * All ways to cut run-together number tokens into exactly `k` printed cells (no leading zeros, decimals and
 * signs only where the column allows them) that satisfy `accept`. Blank markers stay one cell each.
 */
export function enumerateSplits(
  tokens: string[],
  k: number,
  specs: ColumnSpec[],
  accept: AcceptSplit,
  budget: TimeBudget,
): SplitResult {
  const prefix = accept.prefix;
  const candidates: string[][] = [];
  const parts: string[] = [];
  let visits = 0;
  let truncated = false;
  const units = tokens.map((t) => UNIT.exec(t)?.[0] ?? "");
  const bodies = tokens.map((t, i) => (units[i] ? t.slice(0, -units[i]!.length) : t));
  const blanks = bodies.map((t) => isBlankMarker(t));
  // The most cells the tokens after each one can give: fewer parts of this token can never reach k.
  const mostAfter = tokens.map(() => 0);
  for (let i = tokens.length - 2; i >= 0; i--)
    mostAfter[i] = mostAfter[i + 1]! + (blanks[i + 1] ? 1 : bodies[i + 1]!.length);

  const recurse = (ti: number): void => {
    if (truncated) return;
    if (++visits > MAX_VISITS || candidates.length >= MAX_CANDIDATES) {
      truncated = true;
      return;
    }
    budget.check();
    const col = parts.length;
    if (ti === tokens.length) {
      if (col === k && accept(parts)) candidates.push([...parts]);
      return;
    }
    const unit = units[ti]!;
    const token = bodies[ti]!;
    const tokensLeft = tokens.length - ti - 1;
    const maxParts = k - col - tokensLeft;
    if (maxParts < 1) return;
    if (blanks[ti]) {
      parts.push(token);
      if (!prefix || prefix(parts)) recurse(ti + 1);
      parts.pop();
      return;
    }
    const cut = (from: number, partsLeft: number, first: boolean): void => {
      if (truncated) return;
      const spec = specs[parts.length] ?? NO_SPEC;
      if (partsLeft === 1) {
        if (!validPart(token, from, token.length, spec, first)) return;
        parts.push(token.slice(from) + unit);
        if (!prefix || prefix(parts)) recurse(ti + 1);
        parts.pop();
        return;
      }
      for (let end = from + 1; end <= token.length - (partsLeft - 1); end++) {
        if (isSign(token.charCodeAt(end - 1))) continue;
        if (!validPart(token, from, end, spec, first)) {
          if (endsHeads(token, from, end)) break;
          continue;
        }
        parts.push(token.slice(from, end));
        if (!prefix || prefix(parts)) cut(end, partsLeft - 1, false);
        parts.pop();
      }
    };
    for (let m = Math.max(1, k - col - mostAfter[ti]!); m <= maxParts; m++) cut(0, m, true);
  };
  recurse(0);
  return { candidates, truncated };
}
