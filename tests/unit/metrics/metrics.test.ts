import { describe, expect, it } from "vitest";
import { CELL_BY_PATH } from "@/db/cells";
import {
  aggregateCellMetric,
  type CellMetric,
  computeChange,
  computeQualitySums,
  daysLate,
  divide,
  evaluateQualityMetric,
  formatChange,
  formatMetricValue,
  getMetric,
  METRICS,
  type ReportCells,
} from "@/lib/metrics";

const cell = (id: string) => getMetric(id) as CellMetric;

/** Two 2021 reports and one 2019 report, values chosen so that a mean of ratios differs from the ratio of sums. */
const reports: ReportCells[] = [
  {
    year: 2021,
    layout: "2021",
    cells: {
      "applications.received.total": 10,
      "applications.received.natural": 8,
      "applications.received.commercial": 2,
      "applications.granted.total": 1,
      "applications.partial.total": 1,
      "applications.processedTotal.total": 10,
      "applications.otherNoCorrection.total": 1,
      "applications.otherOther.total": 2,
      "active.fees.amount": 12.5,
      "active.licensing.decisions": 7,
      "review.upheld": 3,
      "review.corrected": 1,
      "review.other": 0,
      "review.pending": 4,
      "review.total": 8,
    },
  },
  {
    year: 2021,
    layout: "2021",
    cells: {
      "applications.received.total": 90,
      "applications.received.natural": 90,
      "applications.granted.total": 81,
      "applications.partial.total": 0,
      "applications.processedTotal.total": 90,
      "review.upheld": 0,
      "review.corrected": 0,
      "review.other": 0,
      "review.pending": 2,
      "review.total": 2,
    },
  },
  {
    year: 2020,
    layout: "2019",
    cells: {
      "applications.received.total": 5,
      "applications.granted.total": 0,
      "applications.processedTotal.total": 0,
      "applications.otherHandling.total": 4,
      "active.procurement.count": 9,
      "active.procurement.amount": 885.1737,
      "active.licensing.change": -2,
      "active.licensing.decisions": 0,
    },
  },
];

describe("metric dictionary", () => {
  it("has unique ids, Chinese names, definitions and only known cells", () => {
    const ids = new Set<string>();
    for (const m of METRICS) {
      expect(ids.has(m.id), m.id).toBe(false);
      ids.add(m.id);
      expect(m.name).toMatch(/[\u4e00-\u9fa5]/);
      expect(m.definition.length).toBeGreaterThan(4);
      if (m.source === "cells") {
        for (const p of [...m.numerator, ...(m.denominator ?? [])])
          expect(CELL_BY_PATH.has(p), `${m.id}: ${p}`).toBe(true);
      }
    }
  });

  it("covers the metrics the issue asks for", () => {
    for (const id of [
      "applications.received",
      "applications.received.natural",
      "applications.carriedOver",
      "applications.processed",
      "applications.carriedForward",
      "outcomes.granted.share",
      "outcomes.denied.deniedThirdParty",
      "outcomes.openRate",
      "active.licensing.previous",
      "active.licensing.change",
      "active.licensing.decisions",
      "active.penalty.decisions",
      "active.coercion.decisions",
      "active.fees.change",
      "active.fees.amount",
      "active.procurement.count",
      "active.procurement.amount",
      "review.corrected",
      "litigationDirect.upheld",
      "litigationAfterReview.pending",
      "review.correctionRate",
      "quality.missing",
      "quality.onTimeRate",
      "quality.checksPassedRate",
      "quality.issuesPerReport",
    ]) {
      expect(() => getMetric(id), id).not.toThrow();
    }
    expect(getMetric("review.correctionRate").note).toContain("不含尚未审结");
    expect(getMetric("active.procurement.amount").years).toEqual({ to: 2020 });
  });
});

describe("cell metrics", () => {
  it("sums a count over the reports that print it, with n", () => {
    expect(aggregateCellMetric(cell("applications.received"), reports)).toEqual({ value: 105, numerator: 105, n: 3 });
    expect(aggregateCellMetric(cell("applications.received.commercial"), reports)).toEqual({
      value: 2,
      numerator: 2,
      n: 1,
    });
  });

  it("computes 公开率 as a ratio of sums, not a mean of ratios", () => {
    // (1+1+81+0) / (10+90+0) = 0.83; the mean of the per-report rates would be (0.2+0.9)/2 = 0.55.
    const result = aggregateCellMetric(cell("outcomes.openRate"), reports);
    expect(result.numerator).toBe(83);
    expect(result.denominator).toBe(100);
    expect(result.value).toBeCloseTo(0.83, 10);
    expect(result.n).toBe(3);
  });

  it("gives null, not 0 or Infinity, for a zero denominator", () => {
    const only2019 = reports.filter((r) => r.layout === "2019");
    expect(aggregateCellMetric(cell("outcomes.openRate"), only2019)).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      n: 1,
    });
    expect(divide(3, 0)).toBeNull();
    expect(formatMetricValue(null, "%")).toBe("—");
  });

  it("adds the 2019 single 其他处理 row and the 2021 three rows in one comparable metric", () => {
    expect(aggregateCellMetric(cell("outcomes.other"), reports)).toEqual({ value: 7, numerator: 7, n: 2 });
  });

  it("纠错率 excludes pending cases from the denominator", () => {
    // corrected 1 / (upheld 3 + corrected 1 + other 0 + second report 0) = 0.25
    const result = aggregateCellMetric(cell("review.correctionRate"), reports);
    expect(result.value).toBe(0.25);
    expect(result.denominator).toBe(4);
    expect(result.n).toBe(2);
  });

  it("treats layout gaps as absent: procurement only in 2019–2020, fee amounts only in the 2021 layout", () => {
    expect(aggregateCellMetric(cell("active.procurement.amount"), reports)).toEqual({
      value: 885.1737,
      numerator: 885.1737,
      n: 1,
    });
    expect(aggregateCellMetric(cell("active.fees.amount"), reports)).toEqual({ value: 12.5, numerator: 12.5, n: 1 });
    const only2021 = reports.filter((r) => r.year === 2021);
    expect(aggregateCellMetric(cell("active.procurement.count"), only2021)).toEqual({
      value: null,
      numerator: null,
      n: 0,
    });
    // A 2021-layout report that wrongly carries a procurement cell still does not count.
    const stray: ReportCells = { year: 2022, layout: "2021", cells: { "active.procurement.count": 3 } };
    expect(aggregateCellMetric(cell("active.procurement.count"), [stray]).value).toBeNull();
  });

  it("keeps signed changes: a negative 本年增/减 is summed as printed", () => {
    expect(aggregateCellMetric(cell("active.licensing.change"), reports).value).toBe(-2);
    expect(aggregateCellMetric(cell("active.licensing.decisions"), reports)).toEqual({ value: 7, numerator: 7, n: 2 });
  });
});

describe("year-over-year change", () => {
  it("shows the sign and is — when last year was 0", () => {
    expect(computeChange(120, 100)).toEqual({ absolute: 20, relative: 0.2 });
    expect(formatChange(computeChange(120, 100), "件")).toBe("+20%");
    expect(formatChange(computeChange(75, 100), "件")).toBe("−25%");
    expect(formatChange(computeChange(5, 0), "件")).toBe("—");
    expect(formatChange(computeChange(5, null), "件")).toBe("—");
    expect(formatChange(computeChange(0.83, 0.8), "%")).toBe("+3 个百分点");
  });

  it("formats values with their unit", () => {
    expect(formatMetricValue(12345, "件")).toBe("12,345 件");
    expect(formatMetricValue(885.1737, "万元")).toBe("885.17 万元");
    expect(formatMetricValue(0.8333, "%")).toBe("83.3%");
  });
});

describe("quality metrics", () => {
  const facts = [
    { agencyId: 1, year: 2021, publishedAt: "2022-01-20", deadline: "2022-01-31", checksPassed: true, issueCount: 0 },
    { agencyId: 2, year: 2021, publishedAt: "2022-02-10", deadline: "2022-01-31", checksPassed: false, issueCount: 3 },
    { agencyId: 3, year: 2021, publishedAt: null, deadline: "2022-03-31", checksPassed: true, issueCount: 1 },
    { agencyId: 1, year: 2022, publishedAt: "2023-03-31", deadline: "2023-03-31", checksPassed: true, issueCount: 2 },
    { agencyId: 4, year: 2022, publishedAt: "2023-04-01", deadline: "2023-03-31", checksPassed: false, issueCount: 2 },
  ];

  it("counts missing agencies (reported last year, not this year), on-time, checks and issues", () => {
    const sums = computeQualitySums(facts, 2022, 2022);
    expect(sums).toEqual({
      received: 2,
      expected: 4,
      missing: 2,
      timed: 2,
      onTime: 1,
      late: 1,
      checksPassed: 1,
      issues: 4,
    });
    expect(evaluateQualityMetric(getMetric("quality.completeness"), sums).value).toBe(0.5);
    expect(evaluateQualityMetric(getMetric("quality.onTimeRate"), sums)).toEqual({
      value: 0.5,
      numerator: 1,
      denominator: 2,
      n: 2,
    });
    expect(evaluateQualityMetric(getMetric("quality.issuesPerReport"), sums).value).toBe(2);
  });

  it("excludes unknown publication dates from the on-time denominator and never calls a future year missing", () => {
    const sums2021 = computeQualitySums(facts, 2021, 2022);
    expect(sums2021.timed).toBe(2);
    expect(evaluateQualityMetric(getMetric("quality.onTimeRate"), sums2021).value).toBe(0.5);
    expect(computeQualitySums(facts, 2023, 2022).missing).toBe(0);
    expect(evaluateQualityMetric(getMetric("quality.onTimeRate"), computeQualitySums([], 2021, 2021)).value).toBeNull();
    expect(daysLate("2023-04-01", "2023-03-31")).toBe(1);
    expect(daysLate("2023-03-01", "2023-03-31")).toBe(0);
  });
});
