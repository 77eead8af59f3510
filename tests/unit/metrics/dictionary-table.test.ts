import { describe, expect, it } from "vitest";
import { CELLS } from "@/db/cells";
import {
  aggregateCellMetric,
  type CellMetric,
  computeQualitySums,
  evaluateQualityMetric,
  formatMetricValue,
  getMetric,
  METRICS,
  type QualitySums,
  type ReportCells,
} from "@/lib/metrics";

const layoutOf = (year: number) => (year <= 2020 ? "2019" : "2021");

/** A report whose every cell holds its own value: cell i is `base + step·(i+1)`, so no two cells are equal. */
function fullReport(year: number, base: number, step: number, layout = layoutOf(year)): ReportCells {
  return { year, layout, cells: Object.fromEntries(CELLS.map((c, i) => [c.path, base + step * (i + 1)])) };
}

/** The definition, re-derived here: Σ numerator cells ÷ Σ denominator cells over the reports the metric applies to. */
function expectedValue(metric: CellMetric, reports: ReportCells[]): number | null {
  const applies = (r: ReportCells) =>
    (r.layout === null || (metric.layouts as readonly string[]).includes(r.layout)) &&
    (metric.years?.from === undefined || r.year >= metric.years.from) &&
    (metric.years?.to === undefined || r.year <= metric.years.to);
  const counted = reports.filter(applies);
  if (counted.length === 0) return null;
  const sum = (paths: readonly string[]) =>
    counted.reduce((s, r) => s + paths.reduce((t, p) => t + (r.cells[p] as number), 0), 0);
  const numerator = sum(metric.numerator);
  if (!metric.denominator) return numerator;
  const denominator = sum(metric.denominator);
  return denominator === 0 ? null : numerator / denominator;
}

const CELL_METRICS = METRICS.filter((m): m is CellMetric => m.source === "cells");
const QUALITY_METRICS = METRICS.filter((m) => m.source === "quality");

describe("every metric of the dictionary against its definition", () => {
  it("covers the whole dictionary (cell and quality metrics)", () => {
    expect(CELL_METRICS.length + QUALITY_METRICS.length).toBe(METRICS.length);
    expect(CELL_METRICS.length).toBeGreaterThan(50);
    // Every path a metric names is a stored cell, so the full reports below hold a value for it.
    const paths = new Set(CELLS.map((c) => c.path));
    for (const m of CELL_METRICS) {
      for (const p of [...m.numerator, ...(m.denominator ?? [])]) expect(paths.has(p), `${m.id}: ${p}`).toBe(true);
    }
  });

  // Each year's pair of reports: two layouts, both sides of the procurement cut (2020 | 2021).
  describe.each([2019, 2020, 2021, 2024])("report year %i", (year) => {
    const reports = [fullReport(year, 0, 1), fullReport(year, 1000, 7)];
    it.each(CELL_METRICS.map((m) => [m.id, m] as const))("%s", (_id, metric) => {
      const actual = aggregateCellMetric(metric, reports);
      const expected = expectedValue(metric, reports);
      if (expected === null) expect(actual.value).toBeNull();
      else expect(actual.value).toBeCloseTo(expected, 12);
      expect(actual.n).toBe(expected === null ? 0 : 2);
    });
  });

  it("is null (shown “—”) for every ratio whose denominator cells are all 0", () => {
    const ratios = CELL_METRICS.filter((m) => m.denominator);
    expect(ratios.length).toBeGreaterThan(5);
    for (const metric of ratios) {
      const year = metric.years?.to ?? metric.years?.from ?? 2021;
      const zeroed = [fullReport(year, 0, 1), fullReport(year, 1000, 7)].map((r) => ({
        ...r,
        cells: { ...r.cells, ...Object.fromEntries(metric.denominator!.map((p) => [p, 0])) },
      }));
      const value = aggregateCellMetric(metric, zeroed);
      expect(value.value, metric.id).toBeNull();
      expect(value.denominator, metric.id).toBe(0);
      expect(formatMetricValue(value.value, metric.unit)).toBe("—");
    }
  });

  it("has procurement for report years 2019–2020 only, whatever the layout says", () => {
    for (const id of ["active.procurement.count", "active.procurement.amount"]) {
      const metric = getMetric(id) as CellMetric;
      expect(aggregateCellMetric(metric, [fullReport(2019, 0, 1)]).value, `${id} 2019`).not.toBeNull();
      expect(aggregateCellMetric(metric, [fullReport(2020, 0, 1)]).value, `${id} 2020`).not.toBeNull();
      expect(aggregateCellMetric(metric, [fullReport(2021, 0, 1)]).value, `${id} 2021`).toBeNull();
      // An old-form report for a later year still has no procurement.
      expect(aggregateCellMetric(metric, [fullReport(2021, 0, 1, "2019")]).value, `${id} 2021/2019`).toBeNull();
    }
  });

  it.each(QUALITY_METRICS.map((m) => [m.id, m] as const))("%s from the quality counts", (_id, metric) => {
    const sums: QualitySums = {
      received: 11,
      expected: 13,
      missing: 2,
      timed: 9,
      onTime: 7,
      late: 2,
      checksPassed: 10,
      issues: 23,
    };
    const m = metric as Extract<typeof metric, { source: "quality" }>;
    const expected = m.denominator ? sums[m.numerator] / sums[m.denominator] : sums[m.numerator];
    expect(evaluateQualityMetric(metric, sums).value).toBeCloseTo(expected, 12);
    if (m.denominator) {
      const zero = { ...sums, [m.denominator]: 0 };
      expect(evaluateQualityMetric(metric, zero).value).toBeNull();
    }
  });
});

describe("hand-computed values", () => {
  const a: ReportCells = {
    year: 2022,
    layout: "2021",
    cells: {
      "active.penalty.decisions": 5,
      "active.coercion.decisions": 3,
      "applications.carriedOver.total": 4,
      "applications.carriedForward.total": 2,
      "litigationDirect.total": 3,
      "litigationAfterReview.upheld": 2,
      "litigationAfterReview.corrected": 1,
      "litigationAfterReview.other": 1,
      "litigationAfterReview.pending": 6,
    },
  };
  const b: ReportCells = {
    year: 2022,
    layout: "2021",
    cells: {
      "active.penalty.decisions": 12,
      "active.coercion.decisions": 0,
      "applications.carriedOver.total": 6,
      "applications.carriedForward.total": 9,
      "litigationDirect.total": 1,
      "litigationAfterReview.upheld": 1,
      "litigationAfterReview.corrected": 0,
      "litigationAfterReview.other": 0,
    },
  };
  const value = (id: string, reports = [a, b]) => aggregateCellMetric(getMetric(id) as CellMetric, reports);

  it("penalty and coercion decisions: 5 + 12 = 17, 3 + 0 = 3 (a printed 0 counts)", () => {
    expect(value("active.penalty.decisions")).toMatchObject({ value: 17, n: 2 });
    expect(value("active.coercion.decisions")).toMatchObject({ value: 3, n: 2 });
  });

  it("carry-over: 上年结转 4 + 6 = 10, 结转下年度 2 + 9 = 11", () => {
    expect(value("applications.carriedOver")).toMatchObject({ value: 10, n: 2 });
    expect(value("applications.carriedForward")).toMatchObject({ value: 11, n: 2 });
  });

  it("litigation: direct total 3 + 1 = 4; after-review correction rate 1 / (2+1+1 + 1+0+0) = 0.2", () => {
    expect(value("litigationDirect.total")).toMatchObject({ value: 4, n: 2 });
    expect(value("litigationAfterReview.correctionRate")).toMatchObject({
      value: 0.2,
      numerator: 1,
      denominator: 5,
      n: 2,
    });
    // Only b: 0 corrected of 1 decided is 0 %, not "—".
    expect(value("litigationAfterReview.correctionRate", [b]).value).toBe(0);
    expect(formatMetricValue(0.2, "%")).toBe("20%");
  });

  it("completeness 3 / 4 = 75% and 7 / 3 issues per report", () => {
    const facts = (agencyId: number, year: number, issueCount = 0) => ({
      agencyId,
      year,
      publishedAt: null,
      deadline: null,
      checksPassed: true,
      issueCount,
    });
    // 2020: agencies 1, 2, 3. 2021: 1, 2 and the newcomer 4; agency 3 is missing.
    const reports = [
      facts(1, 2020),
      facts(2, 2020),
      facts(3, 2020),
      facts(1, 2021, 2),
      facts(2, 2021),
      facts(4, 2021, 5),
    ];
    const sums = computeQualitySums(reports, 2021, 2021);
    expect(sums).toMatchObject({ received: 3, missing: 1, expected: 4, issues: 7 });
    expect(evaluateQualityMetric(getMetric("quality.completeness"), sums).value).toBe(0.75);
    expect(evaluateQualityMetric(getMetric("quality.issuesPerReport"), sums).value).toBeCloseTo(2.3333333333, 9);
    expect(formatMetricValue(0.75, "%")).toBe("75%");
    expect(formatMetricValue(7 / 3, "条")).toBe("2.33 条");
  });
});
