import type { Layout } from "@/lib/report/schema";

export type MetricUnit = "件" | "项" | "个" | "万元" | "%" | "份" | "条";
/** Whether a rise is good news for the supervised (a ratio of disclosure), bad news (a share corrected, reports
 * missing), or neither (volumes: more applications is not better or worse in itself). */
export type MetricDirection = "up-good" | "up-bad" | "neutral";
export type MetricGroup = "applications" | "outcomes" | "active" | "review" | "quality";

/** A metric read from table cells: the sum of `numerator` cells, or a ratio of sums when `denominator` is set. */
export type CellMetric = {
  id: string;
  source: "cells";
  name: string;
  group: MetricGroup;
  unit: MetricUnit;
  definition: string;
  /** Cell paths (canonical JSON) summed per report; a report where all are absent does not count. */
  numerator: readonly string[];
  denominator?: readonly string[];
  layouts: readonly Layout[];
  /** Report years that have the metric (inclusive). */
  years?: { from?: number; to?: number };
  note?: string;
  /** Absent: neutral. */
  direction?: MetricDirection;
};

/** A metric about the reports themselves (timeliness, checks, completeness), from `reports`, not cells. */
export type QualityMetric = {
  id: string;
  source: "quality";
  name: string;
  group: "quality";
  unit: MetricUnit;
  definition: string;
  /** Field of `QualitySums` used as numerator (and denominator for ratios). */
  numerator: keyof QualitySums;
  denominator?: keyof QualitySums;
  layouts: readonly Layout[];
  years?: { from?: number; to?: number };
  note?: string;
  /** Absent: neutral. */
  direction?: MetricDirection;
};

export type MetricDef = CellMetric | QualityMetric;

/** Per-group counts behind the quality metrics. */
export type QualitySums = {
  /** Current reports received. */
  received: number;
  /** Agencies that reported this year or last year. */
  expected: number;
  /** Agencies that reported last year but not this year. */
  missing: number;
  /** Reports with both a publication date and a deadline. */
  timed: number;
  onTime: number;
  late: number;
  checksPassed: number;
  issues: number;
};
