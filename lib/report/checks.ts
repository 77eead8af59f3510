import type { IssueList } from "./issues";
import { toHalfWidth } from "./numbers";
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  type ApplicationRowKey,
  OUTCOME_ROW_KEYS,
  REVIEW_BLOCK_KEYS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
} from "./schema";
import type { Cells, TablesResult } from "./tables/types";

const SUB_2021: ApplicationRowKey[] = ["otherNoCorrection", "otherUnpaidFee", "otherOther"];

function num(v: number | null | undefined): number | null {
  return typeof v === "number" ? v : null;
}

/** The table's own arithmetic (勾稽关系). Printed values stay as printed; every break becomes an issue. */
export function checkArithmetic(t: TablesResult, issues: IssueList): void {
  const apps = t.applications;
  for (const key of Object.keys(apps) as ApplicationRowKey[]) {
    const row = apps[key] as Cells;
    const total = num(row.total);
    const parts = APPLICANT_COLUMNS.filter((c) => c !== "total").map((c) => num(row[c]));
    if (total === null || parts.some((p) => p === null)) continue;
    const sum = (parts as number[]).reduce((s, x) => s + x, 0);
    if (sum !== total) {
      issues.add(
        "ROW_TOTAL_MISMATCH",
        "warning",
        `表三“${APPLICATION_ROWS[key].label}”行总计为 ${total}，但各类申请人之和为 ${sum}`,
        [`applications.${key}.total`],
        { printed: total, expected: sum },
      );
    }
  }
  // With the single 2019 （六）其他处理 row present, the 2021 sub-rows are derived from it: count it once.
  const usedOutcomes = OUTCOME_ROW_KEYS.filter((k) => apps[k] && !(apps.otherHandling && SUB_2021.includes(k)));
  for (const c of APPLICANT_COLUMNS) {
    const received = num(apps.received?.[c]);
    const carried = num(apps.carriedOver?.[c]);
    const processed = num(apps.processedTotal?.[c]);
    const forward = num(apps.carriedForward?.[c]);
    if (received !== null && carried !== null && processed !== null && forward !== null) {
      if (received + carried !== processed + forward) {
        issues.add(
          "BALANCE_MISMATCH",
          "warning",
          `表三“${c === "total" ? "总计" : c}”列：新收 ${received} + 上年结转 ${carried} ≠ 办理总计 ${processed} + 结转下年 ${forward}`,
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
      const vals = usedOutcomes.map((k) => num(apps[k]?.[c]));
      if (vals.every((v) => v !== null)) {
        const sum = (vals as number[]).reduce((s, x) => s + x, 0);
        if (sum !== processed) {
          issues.add(
            "PROCESSED_TOTAL_MISMATCH",
            "warning",
            `表三“${c === "total" ? "总计" : c}”列：（七）总计为 ${processed}，但各办理结果之和为 ${sum}`,
            [`applications.processedTotal.${c}`],
            { printed: processed, expected: sum },
          );
        }
      }
    }
  }
  for (const b of REVIEW_BLOCK_KEYS) {
    const block = t.review[b];
    if (!block) continue;
    const parts = REVIEW_COLUMNS.filter((c) => c !== "total").map((c) => num(block[c]));
    const total = num(block.total);
    if (total === null || parts.some((p) => p === null)) continue;
    const sum = (parts as number[]).reduce((s, x) => s + x, 0);
    if (sum !== total) {
      issues.add(
        "BLOCK_TOTAL_MISMATCH",
        "warning",
        `表四“${REVIEW_BLOCKS[b]}”总计为 ${total}，但各结果之和为 ${sum}`,
        [`${b}.total`],
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
  const received = num(apps.received?.total);
  const carried = num(apps.carriedOver?.total) ?? 0;
  const m =
    /(?:收到|受理|接收|新收|共收)[^。；;]{0,24}?(?:政府信息公开|依申请公开)?申请[^。；;，,\d]{0,8}?(\d+)(?:件|个|条|份|宗)/.exec(
      text,
    );
  if (m && received !== null) {
    const said = Number(m[1]);
    if (said !== received && said !== received + carried) {
      issues.add(
        "NARRATIVE_MISMATCH",
        "warning",
        `总体情况中写明收到申请 ${said} 件，与表三新收申请总计 ${received} 件不符（以表格为准）`,
        ["applications.received.total"],
        { narrative: said, table: received, quote: m[0] },
      );
    }
  }
  const review = num(t.review.review?.total);
  const rm = /行政复议(?:案件|申请)?[^。；;，,\d]{0,4}?(\d+)(?:件|起|宗|个)/.exec(text);
  if (rm && review !== null && Number(rm[1]) !== review) {
    issues.add(
      "NARRATIVE_MISMATCH",
      "warning",
      `总体情况中写明行政复议 ${rm[1]} 件，与表四行政复议总计 ${review} 件不符（以表格为准）`,
      ["review.total"],
      { narrative: Number(rm[1]), table: review, quote: rm[0] },
    );
  }
  const direct = num(t.review.litigationDirect?.total);
  const after = num(t.review.litigationAfterReview?.total);
  const lm = /行政诉讼(?:案件)?[^。；;，,\d]{0,4}?(\d+)(?:件|起|宗|个)/.exec(text);
  if (lm && direct !== null && after !== null && Number(lm[1]) !== direct + after) {
    issues.add(
      "NARRATIVE_MISMATCH",
      "warning",
      `总体情况中写明行政诉讼 ${lm[1]} 件，与表四行政诉讼总计 ${direct + after} 件不符（以表格为准）`,
      ["litigationDirect.total", "litigationAfterReview.total"],
      { narrative: Number(lm[1]), table: direct + after, quote: lm[0] },
    );
  }
}
