import type { QualitySums } from "./metric-types";

export type ReportQualityFacts = {
  agencyId: number;
  year: number;
  /** ISO dates (yyyy-mm-dd) or null when unknown. */
  publishedAt: string | null;
  deadline: string | null;
  checksPassed: boolean;
  issueCount: number;
};

/** Whether a report was published by its deadline; null when either date is unknown. */
export function isOnTime(publishedAt: string | null, deadline: string | null): boolean | null {
  if (!publishedAt || !deadline) return null;
  return publishedAt <= deadline;
}

/** Days past the deadline (0 when on time, null when unknown). */
export function daysLate(publishedAt: string | null, deadline: string | null): number | null {
  if (!publishedAt || !deadline) return null;
  const days = Math.round((Date.parse(publishedAt) - Date.parse(deadline)) / 86_400_000);
  return Math.max(0, days);
}

/**
 * Quality counts for one report year. An agency is missing when it reported the year before but not this year;
 * `latestYear` (the newest year in the data) keeps a year nobody has collected yet from counting everyone missing.
 */
export function computeQualitySums(
  reports: readonly ReportQualityFacts[],
  year: number,
  latestYear: number,
): QualitySums {
  const thisYear = reports.filter((r) => r.year === year);
  const reported = new Set(thisYear.map((r) => r.agencyId));
  const lastYear = new Set(reports.filter((r) => r.year === year - 1).map((r) => r.agencyId));
  const missing = year <= latestYear ? [...lastYear].filter((id) => !reported.has(id)).length : 0;
  let timed = 0;
  let onTime = 0;
  let checksPassed = 0;
  let issues = 0;
  for (const r of thisYear) {
    const ok = isOnTime(r.publishedAt, r.deadline);
    if (ok !== null) {
      timed++;
      if (ok) onTime++;
    }
    if (r.checksPassed) checksPassed++;
    issues += r.issueCount;
  }
  return {
    received: thisYear.length,
    expected: reported.size + missing,
    missing,
    timed,
    onTime,
    late: timed - onTime,
    checksPassed,
    issues,
  };
}
