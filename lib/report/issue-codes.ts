import { ISSUE_SEVERITIES } from "./schema";

/**
 * Codes of the issues the table arithmetic (勾稽关系) raises: a report with any of them fails 勾稽校验.
 * NARRATIVE_MISMATCH (text against table) is not one of them.
 */
export const ARITHMETIC_ISSUE_CODES: ReadonlySet<string> = new Set([
  "ROW_TOTAL_MISMATCH",
  "BALANCE_MISMATCH",
  "PROCESSED_TOTAL_MISMATCH",
  "BLOCK_TOTAL_MISMATCH",
  "SUBTOTAL_MISMATCH",
]);

/** True when every 勾稽 check the parser ran held. */
export function passesArithmeticChecks(issues: readonly { code: string }[]): boolean {
  return !issues.some((i) => ARITHMETIC_ISSUE_CODES.has(i.code));
}

export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

export const SEVERITY_LABELS: Record<IssueSeverity, string> = { error: "错误", warning: "警告", info: "提示" };

/** A stored severity as one of ours; anything unknown reads as the mildest. */
export function toSeverity(value: string): IssueSeverity {
  return (ISSUE_SEVERITIES as readonly string[]).includes(value) ? (value as IssueSeverity) : "info";
}

/** The worst of several severities (error before warning before info); null for none. */
export function worstSeverity(severities: Iterable<string>): IssueSeverity | null {
  let worst: number | null = null;
  for (const s of severities) {
    const rank = ISSUE_SEVERITIES.indexOf(toSeverity(s));
    if (worst === null || rank < worst) worst = rank;
  }
  return worst === null ? null : ISSUE_SEVERITIES[worst];
}

/** Errors and warnings are marked on the tables; a note (info) is listed only. */
export function isMarkedSeverity(severity: string): boolean {
  return severity === "error" || severity === "warning";
}

/**
 * What a code says when several issues share it (one issue speaks through its own message): `title` with the count,
 * counted in cells when the messages count cells without naming them (`cellNote` then says it of one cell).
 */
export type IssueCodeInfo = { title: (n: number) => string; counts: "cells" | "issues"; cellNote?: string };

export const ISSUE_CODE_INFO: Record<string, IssueCodeInfo> = {
  BLANK_CELL: {
    counts: "cells",
    title: (n) => `${n} 个单元格为空白或划线，按 0 计`,
    cellNote: "原表此格为空白或划线，按 0 计",
  },
  IMPLIED_VALUE: {
    counts: "cells",
    title: (n) => `${n} 个单元格原表空白，按同行分项推定数值`,
    cellNote: "原表此格空白，按同行分项推定数值",
  },
  UNREADABLE_CELL: {
    counts: "cells",
    title: (n) => `${n} 个单元格内容无法识别为数字`,
    cellNote: "原表此格内容无法识别为数字",
  },
  UNDECIDED_CELL: {
    counts: "cells",
    title: (n) => `${n} 个单元格无法确定数值（数值个数与列数不符或分隔线缺失、错位），未读取`,
    cellNote: "无法确定此格的数值（数值个数与列数不符或分隔线缺失、错位），未读取",
  },
  NEGATIVE_COUNT: {
    counts: "cells",
    title: (n) => `${n} 个数量单元格印为负数，未采用`,
    cellNote: "数量不能为负数，未采用",
  },
  SPACED_DIGITS: {
    counts: "cells",
    title: (n) => `${n} 个单元格的数字被空格隔开，已连起来读取`,
    cellNote: "数字被空格隔开，已连起来读取",
  },
  UNIT_CONVERTED: { counts: "issues", title: (n) => `${n} 处金额由元换算为万元`, cellNote: "金额已由元换算为万元" },
  AMBIGUOUS_SPLIT: { counts: "issues", title: (n) => `${n} 行的数字连在一起，无法确定拆分方式` },
  MISSING_COLUMN: { counts: "issues", title: (n) => `${n} 行的数值少于列数，已按从左到右读取` },
  EXTRA_VALUES: { counts: "issues", title: (n) => `${n} 行的数值多于表头列数，已按列序读取` },
  EXTRA_ROW: { counts: "issues", title: (n) => `${n} 行无法识别，未计入` },
  DUPLICATE_ROW: { counts: "issues", title: (n) => `${n} 行重复出现，取第一次出现的数值` },
  DUPLICATE_TABLE: { counts: "issues", title: (n) => `${n} 张统计表在文档中重复出现` },
  LAYOUT_MIXED: { counts: "issues", title: (n) => `${n} 处混用了 2019 年版与 2021 年版的表格格式` },
  MISSING_SECTION: { counts: "issues", title: (n) => `未找到 ${n} 张统计表` },
  MISSING_ROW: { counts: "issues", title: (n) => `${n} 处缺少应有的行` },
  ROW_TOTAL_MISMATCH: { counts: "issues", title: (n) => `${n} 行的“总计”与各类申请人之和不符` },
  BALANCE_MISMATCH: { counts: "issues", title: (n) => `${n} 列不满足“新收 + 上年结转 = 办理总计 + 结转下年”` },
  PROCESSED_TOTAL_MISMATCH: { counts: "issues", title: (n) => `${n} 列的“（七）总计”与各办理结果之和不符` },
  BLOCK_TOTAL_MISMATCH: { counts: "issues", title: (n) => `${n} 栏复议、诉讼的“总计”与各结果之和不符` },
  SUBTOTAL_MISMATCH: { counts: "issues", title: (n) => `${n} 处小计行与其分项之和不符` },
  NARRATIVE_MISMATCH: { counts: "issues", title: (n) => `总体情况中有 ${n} 处数字与表格不符（以表格为准）` },
  AGENCY_FROM_SOURCE: { counts: "issues", title: (n) => `${n} 项机关名称不是取自标题` },
  AGENCY_EXPANDED: { counts: "issues", title: (n) => `${n} 项机关简称按文中全称采用` },
  REGION_NAME_CORRECTED: { counts: "issues", title: (n) => `${n} 处地名与行政区划名称不符，按最接近的名称归属` },
  REGION_FUNCTIONAL_ZONE: { counts: "issues", title: (n) => `${n} 个功能区按所在行政区划归属` },
  OCR_UNCERTAIN: {
    counts: "cells",
    title: (n) => `${n} 个单元格为扫描件 OCR 识别，数字存疑或按勾稽关系选定，请对照扫描件核对`,
    cellNote: "扫描件 OCR 识别的数字存疑或按勾稽关系选定，请对照扫描件核对",
  },
  METADATA_OVERRIDDEN: { counts: "issues", title: (n) => `${n} 项信息采用导入清单提供的值` },
};
