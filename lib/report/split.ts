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

/** `^([+-]?)(0|[1-9]\d*)(\.\d+)?$`, a sign only on a signed column's first part, decimals only where allowed. */
function validPart(part: string, spec: ColumnSpec, first: boolean): boolean {
  const n = part.length;
  let i = 0;
  if (n > 0 && isSign(part.charCodeAt(0))) {
    if (!first || !spec.signed) return false;
    i = 1;
  }
  const intStart = i;
  if (i >= n || !isDigit(part.charCodeAt(i))) return false;
  if (part.charCodeAt(i) === 48) i++;
  else while (i < n && isDigit(part.charCodeAt(i))) i++;
  if (i - intStart > MAX_PART_DIGITS) return false;
  if (i === n) return true;
  if (part.charCodeAt(i) !== 46 || !spec.decimal || i + 1 === n) return false;
  for (i++; i < n; i++) if (!isDigit(part.charCodeAt(i))) return false;
  return true;
}

/** A head whose integer part already passes MAX_PART_DIGITS: no longer head can be valid either. */
function isIntegerTooLong(head: string): boolean {
  const start = isSign(head.charCodeAt(0)) ? 1 : 0;
  if (head.length - start <= MAX_PART_DIGITS) return false;
  for (let i = start; i < head.length; i++) if (!isDigit(head.charCodeAt(i))) return false;
  return true;
}

/** The split must stop at a leading zero ("0", "+0") that no decimal point follows. */
function isLeadingZeroEnd(head: string, rest: string): boolean {
  const zero = isSign(head.charCodeAt(0)) ? 1 : 0;
  return head.charCodeAt(zero) === 48 && rest.charCodeAt(zero + 1) !== 46;
}

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
  accept: (raws: string[]) => boolean,
  budget: TimeBudget,
): SplitResult {
  const candidates: string[][] = [];
  const parts: string[] = [];
  let visits = 0;
  let truncated = false;
  const units = tokens.map((t) => UNIT.exec(t)?.[0] ?? "");
  const bodies = tokens.map((t, i) => (units[i] ? t.slice(0, -units[i]!.length) : t));
  const blanks = bodies.map((t) => isBlankMarker(t));

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
      recurse(ti + 1);
      parts.pop();
      return;
    }
    const cut = (rest: string, partsLeft: number, first: boolean): void => {
      if (truncated) return;
      const c = parts.length;
      if (partsLeft === 1) {
        if (!validPart(rest, specs[c] ?? NO_SPEC, first)) return;
        parts.push(rest + unit);
        recurse(ti + 1);
        parts.pop();
        return;
      }
      for (let len = 1; len <= rest.length - (partsLeft - 1); len++) {
        const head = rest.slice(0, len);
        if (isSign(head.charCodeAt(len - 1))) continue;
        if (!validPart(head, specs[c] ?? NO_SPEC, first)) {
          if (isLeadingZeroEnd(head, rest) || isIntegerTooLong(head)) break;
          continue;
        }
        parts.push(head);
        cut(rest.slice(len), partsLeft - 1, false);
        parts.pop();
      }
    };
    for (let m = 1; m <= maxParts; m++) cut(token, m, true);
  };
  recurse(0);
  return { candidates, truncated };
}
