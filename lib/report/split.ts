import type { TimeBudget } from "./errors";
import { isBlankMarker } from "./numbers";

export type ColumnSpec = { decimal?: boolean; signed?: boolean };

const MAX_VISITS = 300_000;
const MAX_CANDIDATES = 2000;
const MAX_PART_DIGITS = 9;

/** A printed number: optional sign (first part, signed columns), no leading zero, decimals where allowed. */
function validPart(part: string, spec: ColumnSpec, first: boolean): boolean {
  let i = 0;
  const c0 = part.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    if (!first || !spec.signed) return false;
    i = 1;
  }
  const start = i;
  while (i < part.length && part.charCodeAt(i) >= 48 && part.charCodeAt(i) <= 57) i++;
  const digits = i - start;
  if (digits === 0 || digits > MAX_PART_DIGITS || (digits > 1 && part.charCodeAt(start) === 48)) return false;
  if (i === part.length) return true;
  if (part.charCodeAt(i) !== 46 || !spec.decimal || i === part.length - 1) return false;
  for (let j = i + 1; j < part.length; j++) if (part.charCodeAt(j) < 48 || part.charCodeAt(j) > 57) return false;
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
    const unit = /(万元|元|件|个|项|条|次|家|宗|起|份|笔)$/.exec(tokens[ti])?.[0] ?? "";
    const token = unit ? tokens[ti].slice(0, -unit.length) : tokens[ti];
    const tokensLeft = tokens.length - ti - 1;
    const maxParts = k - col - tokensLeft;
    if (maxParts < 1) return;
    if (isBlankMarker(token)) {
      parts.push(token);
      if (!prefix || prefix(parts)) recurse(ti + 1);
      parts.pop();
      return;
    }
    const cut = (rest: string, partsLeft: number, first: boolean): void => {
      if (truncated) return;
      const c = parts.length;
      if (partsLeft === 1) {
        if (!validPart(rest, specs[c] ?? {}, first)) return;
        parts.push(rest + unit);
        if (!prefix || prefix(parts)) recurse(ti + 1);
        parts.pop();
        return;
      }
      for (let len = 1; len <= rest.length - (partsLeft - 1); len++) {
        const head = rest.slice(0, len);
        if (/[+-]$/.test(head)) continue;
        if (!validPart(head, specs[c] ?? {}, first)) {
          if (/^[+-]?0/.test(head) && !/^[+-]?0\./.test(rest.slice(0, len + 1))) break;
          continue;
        }
        parts.push(head);
        if (!prefix || prefix(parts)) cut(rest.slice(len), partsLeft - 1, false);
        parts.pop();
      }
    };
    for (let m = 1; m <= maxParts; m++) cut(token, m, true);
  };
  recurse(0);
  return { candidates, truncated };
}
