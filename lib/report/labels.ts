import { toHalfWidth } from "./numbers";

const CN_NUM = "一二三四五六七八九十";
const NUMBERING = new RegExp(
  `[(（][${CN_NUM}\\d]{1,2}[)）]|[${CN_NUM}]{1,2}[、.．]|(?<![\\d.])\\d{1,2}[.．、](?!\\d)|第[${CN_NUM}]{1,3}[条项]`,
  "g",
);
const PUNCT = /[\s\u00a0\u200b、，。,.：:；;“”"'‘’「」《》<>〈〉【】[\]·•\-—_/\\|*#=+~?？!！]/g;

/** Removes explanatory parentheses (and the halves of one cut off at either end of the label). */
function dropNotes(s: string): string {
  let out = s.replace(/[(（][^()（）]{3,}[)）]/g, "");
  const close = out.search(/[)）]/);
  const open = out.search(/[(（]/);
  if (close >= 0 && (open < 0 || close < open) && !/\s/.test(out.slice(0, close))) out = out.slice(close + 1);
  const lastOpen = Math.max(out.lastIndexOf("（"), out.lastIndexOf("("));
  if (lastOpen >= 0 && !/[)）]/.test(out.slice(lastOpen))) {
    const rest = out.slice(lastOpen);
    const space = rest.search(/\s/);
    out = out.slice(0, lastOpen) + (space >= 0 ? rest.slice(space) : "");
  }
  return out;
}

/** Canonical comparison form of a label: half-width, no numbering, notes, punctuation or digits. */
export function normaliseLabel(s: string): string {
  return dropNotes(toHalfWidth(s).replace(NUMBERING, ""))
    .replace(PUNCT, "")
    .replace(/[()（）]/g, "")
    .replace(/\d+/g, "");
}

export type RankCandidate<K extends string> = { key: K; canonical: string[] };

const MAX_LABEL_TAIL = 80;
let BUF_A = new Uint16Array(128);
let BUF_B = new Uint16Array(128);

/**
 * How well the END of `label` matches `canonical` (both normalised): the best Dice coefficient, over the
 * label's suffixes, of the longest common subsequence. Tolerates junk before the label, typos and cuts.
 */
export function scoreSuffix(label: string, canonical: string): number {
  const a = label.length > MAX_LABEL_TAIL ? label.slice(-MAX_LABEL_TAIL) : label;
  const n = a.length;
  const m = canonical.length;
  if (n === 0 || m === 0) return 0;
  // Row labels recur in every report: page lines are scored against each official label many times over.
  const memoKey = `${canonical}\u0000${a}`;
  const memo = SCORE_MEMO.get(memoKey);
  if (memo !== undefined) return memo;
  const score = lcsSuffixScore(a, canonical);
  if (SCORE_MEMO.size >= SCORE_MEMO_SIZE) SCORE_MEMO.clear();
  SCORE_MEMO.set(memoKey, score);
  return score;
}

const SCORE_MEMO = new Map<string, number>();
const SCORE_MEMO_SIZE = 50_000;

function lcsSuffixScore(a: string, canonical: string): number {
  const n = a.length;
  const m = canonical.length;
  if (BUF_A.length < m + 1) {
    BUF_A = new Uint16Array(2 * (m + 1));
    BUF_B = new Uint16Array(2 * (m + 1));
  }
  let next = BUF_A;
  let cur = BUF_B;
  next.fill(0, 0, m + 1);
  let best = 0;
  for (let i = n - 1; i >= 0; i--) {
    cur[m] = 0;
    const ch = a.charCodeAt(i);
    for (let j = m - 1; j >= 0; j--) {
      cur[j] = ch === canonical.charCodeAt(j) ? next[j + 1] + 1 : Math.max(next[j], cur[j + 1]);
    }
    const lcs = cur[0];
    if (lcs >= 1) {
      const score = (2 * lcs) / (n - i + m);
      if (score > best) best = score;
    }
    const swap = next;
    next = cur;
    cur = swap;
  }
  return best;
}

type Scored = { key: string; score: number }[];
type RankCache = { byLabel: Map<string, Scored>; byNorm: Map<string, Scored> };
const rankCache = new WeakMap<readonly RankCandidate<string>[], RankCache>();
const RANK_CACHE_SIZE = 5000;

/** All keys whose score clears the threshold, best first (memoised per candidate list and label). */
export function rankLabel<K extends string>(
  label: string,
  candidates: readonly RankCandidate<K>[],
  threshold = 0.6,
): { key: K; score: number }[] {
  let cache = rankCache.get(candidates);
  if (!cache) {
    cache = { byLabel: new Map(), byNorm: new Map() };
    rankCache.set(candidates, cache);
  }
  const tail = label.length > 400 ? label.slice(-400) : label;
  let scored = cache.byLabel.get(tail);
  if (!scored) {
    // Scores depend only on the last MAX_LABEL_TAIL normalised characters: labels that differ before them
    // (running text before a row) share one entry.
    const key = normaliseLabel(tail).slice(-MAX_LABEL_TAIL);
    scored = cache.byNorm.get(key);
    if (!scored) {
      scored = [];
      if (key) {
        for (const c of candidates) {
          let s = 0;
          for (const canon of c.canonical) s = Math.max(s, scoreSuffix(key, canon));
          if (s > 0) scored.push({ key: c.key, score: s });
        }
        scored.sort((x, y) => y.score - x.score);
      }
      if (cache.byNorm.size >= RANK_CACHE_SIZE) cache.byNorm.clear();
      cache.byNorm.set(key, scored);
    }
    if (cache.byLabel.size >= RANK_CACHE_SIZE) cache.byLabel.clear();
    cache.byLabel.set(tail, scored);
  }
  const out: { key: K; score: number }[] = [];
  for (const x of scored) if (x.score >= threshold) out.push(x as { key: K; score: number });
  return out;
}
