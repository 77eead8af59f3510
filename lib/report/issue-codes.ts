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
