import type { Span } from "../document";
import type { RowRecord } from "./records";

// Header words as printed, often cut by wrapping ("结果维" / "持"): any run of the columns' own characters.
export const ACTIVE_HEADER_WORDS =
  /^[本年制发件数废止现行有效新作公开对外总量上一项目增减处理决定采购金额/（）()单位:：万元]+$/;
export const APPLICANT_HEADER_WORDS = /^(?!法人$)[自然人商业企科研机构社会公益组织法律服务其他小总计]+$/;
export const REVIEW_HEADER_WORDS = /^[结果维持纠正其他尚未审总计]+$/;

const COLUMN_GAP = 8;

/** Sorted positions grouped wherever two neighbours stand more than COLUMN_GAP apart. */
function clusterPositions(sorted: number[]): number[][] {
  const clusters: number[][] = [[sorted[0]]];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] - sorted[i - 1] > COLUMN_GAP) clusters.push([]);
    clusters[clusters.length - 1].push(sorted[i]);
  }
  return clusters;
}

/** Column centres: the positions of all rows' values clustered, if that gives k columns; else full rows' medians. */
export function findValueColumns(records: RowRecord[], k: number): number[] | undefined {
  const xs: number[] = [];
  for (const r of records) for (const x of r.xs ?? []) if (Number.isFinite(x)) xs.push(x);
  if (xs.length === 0) return undefined;
  xs.sort((a, b) => a - b);
  const clusters = clusterPositions(xs);
  if (clusters.length === k) return clusters.map((c) => c[Math.floor(c.length / 2)]);
  const full = records.filter((r) => r.cells.length === k && r.xs?.every((x) => Number.isFinite(x)));
  if (full.length === 0) return undefined;
  return Array.from({ length: k }, (_, j) => {
    const column = full.map((r) => (r.xs as number[])[j]).sort((a, b) => a - b);
    return column[Math.floor(column.length / 2)];
  });
}

/** Column centres from the positioned header words above the table's rows (PDF), when they give k columns. */
export function findHeaderColumns(records: RowRecord[], k: number, words: RegExp): number[] | undefined {
  return findSpanColumns(
    records.slice(0, 3).flatMap((r) => r.spans ?? []),
    k,
    words,
  );
}

export function findSpanColumns(spans: Span[], k: number, words: RegExp): number[] | undefined {
  const xs = spans
    .filter((span) => words.test(span.s))
    .map((span) => span.x)
    .sort((a, b) => a - b);
  if (xs.length < k) return undefined;
  const clusters = clusterPositions(xs);
  return clusters.length === k ? clusters.map((c) => (c[0] + c[c.length - 1]) / 2) : undefined;
}
