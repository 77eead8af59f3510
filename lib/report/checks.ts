import type { IssueList } from "./issues";
import { toHalfWidth } from "./numbers";
import { describeCell, LITIGATION_GROUP_LABEL, labelReviewBlock, TABLE_NUMBERS } from "./official-layout";
import {
  APPLICANT_COLUMN_LABELS,
  APPLICANT_COLUMNS,
  type ApplicationRowKey,
  OTHER_HANDLING_SUB_ROWS,
  OUTCOME_ROW_KEYS,
  REVIEW_BLOCK_KEYS,
  REVIEW_COLUMNS,
} from "./schema";
import type { Cells, TablesResult } from "./tables/types";

function toNumber(value: number | null | undefined): number | null {
  return typeof value === "number" ? value : null;
}

/** The table's own arithmetic (勾稽关系). Printed values stay as printed; every break becomes an issue. */
export function checkArithmetic(t: TablesResult, issues: IssueList): void {
  const apps = t.applications;
  for (const key of Object.keys(apps) as ApplicationRowKey[]) {
    const row = apps[key] as Cells;
    const total = toNumber(row.total);
    const parts = APPLICANT_COLUMNS.filter((c) => c !== "total").map((c) => toNumber(row[c]));
    if (total === null || parts.some((p) => p === null)) continue;
    const sum = (parts as number[]).reduce((s, x) => s + x, 0);
    if (sum !== total) {
      issues.add(
        "ROW_TOTAL_MISMATCH",
        "warning",
        `${describeCell(`applications.${key}.total`)}的数值为 ${total}，但各类申请人之和为 ${sum}`,
        APPLICANT_COLUMNS.map((c) => `applications.${key}.${c}`),
        { printed: total, expected: sum },
      );
    }
  }
  // With the single 2019 （六）其他处理 row present, the 2021 sub-rows are derived from it: count it once.
  const usedOutcomes = OUTCOME_ROW_KEYS.filter(
    (k) => apps[k] && !(apps.otherHandling && OTHER_HANDLING_SUB_ROWS.includes(k)),
  );
  for (const c of APPLICANT_COLUMNS) {
    const column = `${TABLE_NUMBERS.applications}“${APPLICANT_COLUMN_LABELS[c]}”列`;
    const received = toNumber(apps.received?.[c]);
    const carried = toNumber(apps.carriedOver?.[c]);
    const processed = toNumber(apps.processedTotal?.[c]);
    const forward = toNumber(apps.carriedForward?.[c]);
    if (received !== null && carried !== null && processed !== null && forward !== null) {
      if (received + carried !== processed + forward) {
        issues.add(
          "BALANCE_MISMATCH",
          "warning",
          `${column}：新收 ${received} + 上年结转 ${carried} ≠ 办理总计 ${processed} + 结转下年 ${forward}`,
          [
            `applications.received.${c}`,
            `applications.carriedOver.${c}`,
            `applications.processedTotal.${c}`,
            `applications.carriedForward.${c}`,
          ],
          { left: received + carried, right: processed + forward },
        );
      }
    }
    if (processed !== null && usedOutcomes.length > 0) {
      const outcomes = usedOutcomes.map((k) => toNumber(apps[k]?.[c]));
      if (outcomes.every((value) => value !== null)) {
        const sum = (outcomes as number[]).reduce((s, x) => s + x, 0);
        if (sum !== processed) {
          issues.add(
            "PROCESSED_TOTAL_MISMATCH",
            "warning",
            `${column}：（七）总计为 ${processed}，但各办理结果之和为 ${sum}`,
            [`applications.processedTotal.${c}`, ...usedOutcomes.map((k) => `applications.${k}.${c}`)],
            { printed: processed, expected: sum },
          );
        }
      }
    }
  }
  for (const key of REVIEW_BLOCK_KEYS) {
    const block = t.review[key];
    if (!block) continue;
    const parts = REVIEW_COLUMNS.filter((c) => c !== "total").map((c) => toNumber(block[c]));
    const total = toNumber(block.total);
    if (total === null || parts.some((p) => p === null)) continue;
    const sum = (parts as number[]).reduce((s, x) => s + x, 0);
    if (sum !== total) {
      issues.add(
        "BLOCK_TOTAL_MISMATCH",
        "warning",
        `${describeCell(`${key}.total`)}的数值为 ${total}，但各结果之和为 ${sum}`,
        REVIEW_COLUMNS.map((c) => `${key}.${c}`),
        {
          printed: total,
          expected: sum,
        },
      );
    }
  }
}

/** Numbers that the 总体情况 narrative states and the table also prints; the table wins, the difference is flagged. */
export function checkNarrative(narrative: string, t: TablesResult, issues: IssueList): void {
  const text = toHalfWidth(narrative).replace(/\s+/g, "");
  const apps = t.applications;
  const received = toNumber(apps.received?.total);
  const carried = toNumber(apps.carriedOver?.total) ?? 0;
  const receivedMention =
    /(?:收到|受理|接收|新收|共收)[^。；;]{0,24}?(?:政府信息公开|依申请公开)?申请[^。；;，,\d]{0,8}?(\d+)(?:件|个|条|份|宗)/.exec(
      text,
    );
  if (receivedMention && received !== null) {
    const said = Number(receivedMention[1]);
    if (said !== received && said !== received + carried) {
      issues.add(
        "NARRATIVE_MISMATCH",
        "warning",
        `总体情况中写明收到申请 ${said} 件，与${TABLE_NUMBERS.applications}新收申请总计 ${received} 件不符（以表格为准）`,
        ["applications.received.total"],
        { narrative: said, table: received, quote: receivedMention[0] },
      );
    }
  }
  const review = toNumber(t.review.review?.total);
  const reviewMention = /行政复议(?:案件|申请)?[^。；;，,\d]{0,4}?(\d+)(?:件|起|宗|个)/.exec(text);
  if (reviewMention && review !== null && Number(reviewMention[1]) !== review) {
    issues.add(
      "NARRATIVE_MISMATCH",
      "warning",
      `总体情况中写明行政复议 ${reviewMention[1]} 件，与${TABLE_NUMBERS.review}${labelReviewBlock("review")}总计 ${review} 件不符（以表格为准）`,
      ["review.total"],
      { narrative: Number(reviewMention[1]), table: review, quote: reviewMention[0] },
    );
  }
  const direct = toNumber(t.review.litigationDirect?.total);
  const after = toNumber(t.review.litigationAfterReview?.total);
  const litigationMention = /行政诉讼(?:案件)?[^。；;，,\d]{0,4}?(\d+)(?:件|起|宗|个)/.exec(text);
  if (litigationMention && direct !== null && after !== null && Number(litigationMention[1]) !== direct + after) {
    issues.add(
      "NARRATIVE_MISMATCH",
      "warning",
      `总体情况中写明行政诉讼 ${litigationMention[1]} 件，与${TABLE_NUMBERS.review}${LITIGATION_GROUP_LABEL}总计 ${direct + after} 件不符（以表格为准）`,
      ["litigationDirect.total", "litigationAfterReview.total"],
      { narrative: Number(litigationMention[1]), table: direct + after, quote: litigationMention[0] },
    );
  }
}
