import {
  labelApplicantType,
  labelApplicationGroup,
  labelApplicationItem,
  labelReviewBlock,
} from "@/lib/report/official-layout";
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  type ApplicantColumn,
  type ApplicationRowKey,
  OTHER_HANDLING_SUB_ROWS,
  REVIEW_BLOCK_KEYS,
  REVIEW_COLUMN_LABELS,
  REVIEW_COLUMNS,
  type ReviewBlockKey,
  type ReviewColumn,
} from "@/lib/report/schema";

// Labels come from the report's own words (lib/report): one vocabulary for tables, messages and metrics.
export const APPLICANT_TYPES: readonly { key: Exclude<ApplicantColumn, "total">; name: string }[] =
  APPLICANT_COLUMNS.filter((c): c is Exclude<ApplicantColumn, "total"> => c !== "total").map((key) => ({
    key,
    name: labelApplicantType(key),
  }));

const rowsStartingWith = (prefix: string) => APPLICATION_ROW_KEYS.filter((k) => k.startsWith(prefix));

export const DENIED_REASONS: readonly { key: ApplicationRowKey; name: string }[] = rowsStartingWith("denied").map(
  (key) => ({ key, name: labelApplicationItem(key, { numbered: false }) }),
);

function outcomeCategory(key: string, rows: readonly ApplicationRowKey[]) {
  return { key, name: labelApplicationGroup(rows[0], { numbered: false }), rows };
}

/** Outcome categories of 三、本年度办理结果, in printed order (the 100% stacked chart's series). */
export const OUTCOME_CATEGORIES = [
  outcomeCategory("granted", ["granted"]),
  outcomeCategory("partial", ["partial"]),
  outcomeCategory("denied", rowsStartingWith("denied")),
  outcomeCategory("unable", rowsStartingWith("unable")),
  outcomeCategory("notHandled", rowsStartingWith("notHandled")),
  outcomeCategory("other", ["otherHandling", ...OTHER_HANDLING_SUB_ROWS]),
] as const;

export const REVIEW_BLOCK_NAMES = Object.fromEntries(REVIEW_BLOCK_KEYS.map((b) => [b, labelReviewBlock(b)])) as Record<
  ReviewBlockKey,
  string
>;
export const REVIEW_RESULTS: readonly { key: Exclude<ReviewColumn, "total">; name: string }[] = REVIEW_COLUMNS.filter(
  (c): c is Exclude<ReviewColumn, "total"> => c !== "total",
).map((key) => ({ key, name: REVIEW_COLUMN_LABELS[key] }));
