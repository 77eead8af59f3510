import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CELL_BY_PATH } from "@/db/cells";
import { agencies, reports, reportValues, sourceDocuments } from "@/db/schema";
import { listOverviewCharts } from "@/lib/charts/overview-view";
import { aggregateCellMetric, type CellMetric, getMetric, type ReportCells } from "@/lib/metrics";
import { getAgencyPage, getSourceDocument } from "@/lib/queries/agency-page";
import { aggregateMetrics } from "@/lib/queries/aggregate-metrics";
import { getChartTable } from "@/lib/queries/charts/registry";
import { drainRollupsAndGetVersion } from "@/lib/queries/dataset-cache";
import { escapeCsvText, toCsv, toXlsx } from "@/lib/queries/export-table";
import { listQualityAgencies } from "@/lib/queries/quality-agencies";
import { listMissingAgencies } from "@/lib/queries/report-rows";
import { rebuildRollups } from "@/lib/rollups/refresh-rollups";
import { seedRegions } from "@/lib/setup/seed-regions";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

type Fixture = {
  agency: string;
  region: string;
  kind?: "government" | "department";
  year: number;
  cells: Record<string, number>;
  publishedAt?: string | null;
  checksPassed?: boolean;
  issueCount?: number;
};

function regionLevels(code: string) {
  if (code.endsWith("0000")) return { provinceCode: code, prefectureCode: null, countyCode: null };
  if (code.endsWith("00")) return { provinceCode: `${code.slice(0, 2)}0000`, prefectureCode: code, countyCode: null };
  return { provinceCode: `${code.slice(0, 2)}0000`, prefectureCode: `${code.slice(0, 4)}00`, countyCode: code };
}

// 231000 牡丹江市 (prefecture), 231002 东安区 (its county), 230100 哈尔滨市, 320000 江苏省.
const FIXTURES: Fixture[] = [
  {
    agency: "牡丹江市教育局",
    region: "231000",
    year: 2020,
    publishedAt: "2021-01-20",
    cells: {
      "applications.received.total": 10,
      "applications.received.natural": 8,
      "applications.received.commercial": 2,
      "applications.granted.total": 4,
      "applications.partial.total": 1,
      "applications.processedTotal.total": 10,
      "applications.otherHandling.total": 2,
      "active.procurement.count": 9,
      "active.procurement.amount": 885.1737,
      "active.licensing.change": -2,
      "review.upheld": 2,
      "review.corrected": 1,
      "review.other": 1,
      "review.pending": 3,
      "review.total": 7,
    },
  },
  {
    agency: "牡丹江市教育局",
    region: "231000",
    year: 2021,
    publishedAt: "2022-02-15",
    checksPassed: false,
    issueCount: 3,
    cells: {
      "applications.received.total": 20,
      "applications.received.natural": 20,
      "applications.granted.total": 18,
      "applications.partial.total": 0,
      "applications.processedTotal.total": 20,
      "applications.otherOther.total": 1,
      "active.fees.amount": 12.5,
    },
  },
  {
    agency: "东安区民政局",
    region: "231002",
    year: 2020,
    publishedAt: "2021-01-10",
    cells: {
      "applications.received.total": 0,
      "applications.granted.total": 0,
      "applications.processedTotal.total": 0,
      "active.procurement.count": 1,
    },
  },
  {
    agency: "哈尔滨市人民政府",
    region: "230100",
    kind: "government",
    year: 2021,
    publishedAt: "2022-03-30",
    cells: {
      "applications.received.total": 100,
      "applications.received.natural": 90,
      "applications.received.legal": 10,
      "applications.granted.total": 50,
      "applications.partial.total": 10,
      "applications.processedTotal.total": 80,
    },
  },
  {
    agency: "江苏省教育厅",
    region: "320000",
    year: 2021,
    publishedAt: null,
    cells: { "applications.received.total": 1000, "applications.processedTotal.total": 1000 },
  },
];

const layoutOf = (year: number) => (year <= 2020 ? "2019" : "2021");

describe.each<DriverKind>(["postgres", "pglite"])("dashboard queries on %s", (kind) => {
  let t: TestDatabase;
  const agencyIds = new Map<string, number>();
  const documentIds: number[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedRegions(t.db);
    for (const [i, f] of FIXTURES.entries()) {
      const [doc] = await t.db
        .insert(sourceDocuments)
        .values({
          sha256: String(i + 1).padStart(64, "0"),
          content: new TextEncoder().encode(`<script>alert(${i})</script>${f.agency}`),
          byteSize: 40,
          fileName: `${f.agency}-${f.year}.html`,
          mediaType: "text/html",
          status: "parsed",
        })
        .returning();
      documentIds.push(doc.id);
      let agencyId = agencyIds.get(f.agency);
      if (!agencyId) {
        const [a] = await t.db
          .insert(agencies)
          .values({ name: f.agency, normalizedName: f.agency, regionCode: f.region, kind: f.kind ?? "department" })
          .returning();
        agencyId = a.id;
        agencyIds.set(f.agency, agencyId);
      }
      const deadline = f.kind === "government" ? `${f.year + 1}-03-31` : `${f.year + 1}-01-31`;
      const parsed: Record<string, unknown> = { agency: f.agency, year: f.year, format: layoutOf(f.year), issues: [] };
      for (const [path, value] of Object.entries(f.cells)) {
        const keys = path.split(".");
        let node = parsed as Record<string, unknown>;
        for (const k of keys.slice(0, -1)) {
          node[k] ??= {};
          node = node[k] as Record<string, unknown>;
        }
        node[keys.at(-1)!] = value;
      }
      const [report] = await t.db
        .insert(reports)
        .values({
          agencyId,
          year: f.year,
          layout: layoutOf(f.year),
          publishedAt: f.publishedAt ?? null,
          deadline,
          sourceDocumentId: doc.id,
          parsed,
          parserVersion: "test",
          issueCount: f.issueCount ?? 0,
          checksPassed: f.checksPassed ?? true,
        })
        .returning();
      const columns = Object.fromEntries(Object.entries(f.cells).map(([p, v]) => [CELL_BY_PATH.get(p)!.column, v]));
      await t.db.insert(reportValues).values({
        reportId: report.id,
        agencyId,
        year: f.year,
        layout: layoutOf(f.year),
        agencyKind: f.kind ?? "department",
        ...regionLevels(f.region),
        ...columns,
      } as typeof reportValues.$inferInsert);
    }
    // Fixtures bypass ingestion, so they build the rollup the dashboard aggregates read, as a bulk load does.
    await rebuildRollups(t.db);
  });
  afterAll(async () => t?.drop());

  const asCells = (fixtures: Fixture[]): ReportCells[] =>
    fixtures.map((f) => ({ year: f.year, layout: layoutOf(f.year), cells: f.cells }));

  it("agrees with the metric functions for every cell metric, per year (ratio of sums, n, layout gaps)", async () => {
    const ids = [
      "applications.received",
      "outcomes.openRate",
      "outcomes.other",
      "review.correctionRate",
      "active.procurement.count",
      "active.fees.amount",
      "active.licensing.change",
    ];
    const rows = await aggregateMetrics(t.db, {}, "all", { metricIds: ids, groupBy: "year" });
    expect(rows.map((r) => r.year)).toEqual([2020, 2021]);
    for (const row of rows) {
      const expected = asCells(FIXTURES.filter((f) => f.year === row.year));
      for (const id of ids) {
        const js = aggregateCellMetric(getMetric(id) as CellMetric, expected);
        expect(row.metrics[id].n, `${id} ${row.year}`).toBe(js.n);
        if (js.value === null) expect(row.metrics[id].value, `${id} ${row.year}`).toBeNull();
        else expect(row.metrics[id].value, `${id} ${row.year}`).toBeCloseTo(js.value, 9);
      }
    }
    const y2021 = rows.find((r) => r.year === 2021)!;
    // (18+0+50+10) / (20+80+1000) — the 江苏 report prints no 予以公开 row, so it is not in the ratio.
    expect(y2021.metrics["outcomes.openRate"]).toMatchObject({ numerator: 78, denominator: 100, n: 2 });
    expect(y2021.metrics["active.procurement.count"].value).toBeNull();
    const y2020 = rows.find((r) => r.year === 2020)!;
    // 东安区 processed 0: its 0/0 adds nothing; 牡丹江 5/10.
    expect(y2020.metrics["outcomes.openRate"].value).toBe(0.5);
    expect(y2020.metrics["review.correctionRate"].value).toBe(0.25);
  });

  it("filters by region at any level, agency kind and layout, and applies the scope", async () => {
    const sum = async (
      filter: Parameters<typeof aggregateMetrics>[1],
      scope: Parameters<typeof aggregateMetrics>[2] = "all",
    ) =>
      (await aggregateMetrics(t.db, filter, scope, { metricIds: ["applications.received"], groupBy: "total" }))[0]
        ?.metrics["applications.received"].value ?? null;
    expect(await sum({})).toBe(1130);
    expect(await sum({ region: "230000" })).toBe(130);
    expect(await sum({ region: "231000" })).toBe(30);
    expect(await sum({ region: "231002" })).toBe(0);
    expect(await sum({ kind: "government" })).toBe(100);
    expect(await sum({ layout: "2019" })).toBe(10);
    expect(await sum({ from: 2021, to: 2021, region: "230000" })).toBe(120);
    expect(await sum({}, { regionCodes: ["320000"] })).toBe(1000);
    expect(await sum({}, { regionCodes: [] })).toBeNull();
  });

  it("groups a region's children, with the region's own agencies as 本级", async () => {
    const table = await getChartTable(t.db, "children", { region: "231000" }, "all", {
      metric: "applications.received",
      year: 2020,
    });
    expect(table.rows.map((r) => [r.name, r.value, r.n, r.target])).toEqual([
      ["牡丹江市本级", 10, 1, "list"],
      ["东安区", 0, 1, "region"],
    ]);
    const national = await getChartTable(t.db, "children", {}, "all", { metric: "outcomes.openRate", year: 2021 });
    expect(national.rows.map((r) => r.name)).toEqual(["黑龙江省", "江苏省"]);
    expect(national.rows[0]).toMatchObject({ numerator: 78, denominator: 100, n: 2 });
    expect(national.rows[1].value).toBeNull();
  });

  it("computes quality: on-time against the deadline, checks, issues and missing agencies", async () => {
    const table = await getChartTable(t.db, "quality-by-year", {}, "all");
    const y2021 = table.rows.find((r) => r.year === 2021)!;
    // 2021: 3 reports; 牡丹江 late (02-15 > 01-31), 哈尔滨 government on time (03-30 ≤ 03-31), 江苏 date unknown.
    expect(y2021).toMatchObject({ received: 3, late: 1, onTimeRate: 0.5, checksPassedRate: 2 / 3, issuesPerReport: 1 });
    // 东安区民政局 reported 2020, not 2021.
    expect(y2021).toMatchObject({ missing: 1, expected: 4, completeness: 0.75 });
    const missing = await listMissingAgencies(t.db, {}, "all", { limit: 10 });
    expect(missing.map((m) => [m.agency, m.year])).toEqual([["东安区民政局", 2021]]);
    const worst = await listQualityAgencies(t.db, {}, "all", { limit: 10 });
    // 牡丹江市教育局: 2021 failed the checks and was late; 东安区民政局 went missing in 2021.
    expect(worst.rows.map((r) => [r.agency, r.failing, r.missingYears, r.late])).toContainEqual([
      "牡丹江市教育局",
      1,
      [],
      1,
    ]);
    expect(worst.rows[0].agency).toBe("牡丹江市教育局");
    expect(worst.rows.find((r) => r.agency === "东安区民政局")?.missingYears).toEqual([2021]);
  });

  it("keeps procurement a gap after 2020 instead of a zero", async () => {
    const table = await getChartTable(t.db, "procurement-by-year", {}, "all");
    expect(table.rows).toEqual([
      expect.objectContaining({ year: 2020, count: 10, amount: 885.1737 }),
      expect.objectContaining({ year: 2021, count: null, amount: null }),
    ]);
    expect(table.notes.join("")).toContain("2021 年起");
  });

  it("lists the reports behind a number and exports the same rows", async () => {
    const detail = await getChartTable(t.db, "detail", { region: "230000" }, "all", {
      year: 2021,
      metric: "applications.received",
    });
    expect(detail.rows.map((r) => [r.agency, r["applications.received"]])).toEqual([
      ["哈尔滨市人民政府", 100],
      ["牡丹江市教育局", 20],
    ]);
    // The list's total row is the card's own figure, with the reports it rests on.
    const kpis = await getChartTable(t.db, "kpis", { region: "230000", to: 2021 }, "all");
    const card = kpis.rows.find((r) => r.metric === "applications.received")!;
    expect(detail.totals?.values["applications.received"]).toBe(card.value);
    expect(detail.totals?.values.region).toBe("新收申请：120 件（2 份报告，其中 2 份填报此项）");
    const chart = await getChartTable(t.db, "applications-by-year", { region: "230000" }, "all");
    const csv = toCsv(chart);
    expect(csv.startsWith("\uFEFF年度,报告数（n）,自然人（件）")).toBe(true);
    // Cells no report prints stay empty, never 0; each figure's n sits beside it where it differs from the reports.
    expect(csv).toContain("\r\n2021,2,110,2,,0,,0,,0,10,1,,0,120,,0,100,,0\r\n");
    expect(chart.columns.find((c) => c.key === "otherOrgN")).toMatchObject({ nOf: "otherOrg" });
    expect(chart.columns.some((c) => c.key === "totalN")).toBe(false);
    expect(chart.notes.join("")).toContain(
      "2021年（共 2 份报告）：商业企业、科研机构、社会公益组织、其他组织、上年结转、结转下年度无报告填报；法律服务机构据 1 份",
    );
    expect(csv.endsWith("\r\n")).toBe(true);
    const xlsx = await toXlsx([chart]);
    expect(Buffer.from(xlsx.subarray(0, 2)).toString()).toBe("PK");
    const all = await getChartTable(t.db, "applications-by-year", {}, "all", {}, "detail");
    expect(all.rowsKind).toBe("detail");
    expect(all.rows).toHaveLength(FIXTURES.length);
  });

  it("counts a year's reports for its n, and gives each ratio and heatmap cell its own n", async () => {
    // 2021: three reports, but 江苏省教育厅 prints no applicant-type cells: 自然人 sums two of them.
    const applications = await getChartTable(t.db, "applications-by-year", {}, "all");
    expect(applications.rows.find((r) => r.year === 2021)).toMatchObject({ reports: 3, natural: 110 });
    const quality = await getChartTable(t.db, "quality-by-year", {}, "all");
    // 按时发布率 counts only reports with a known date; 勾稽校验通过率 counts every report.
    expect(quality.rows.find((r) => r.year === 2021)).toMatchObject({ onTimeRateN: 2, checksPassedRateN: 3 });
    const heatmap = await getChartTable(t.db, "heatmap", {}, "all", { metric: "quality.onTimeRate" });
    expect(heatmap.rows.find((r) => r.name === "黑龙江省")).toMatchObject({ y2021: 0.5, n2021: 2 });
  });

  it("lists exactly the reports (or agencies) each quality figure counts", async () => {
    const quality = await getChartTable(t.db, "quality-by-year", {}, "all");
    const detail = (year: number, metric: string) => getChartTable(t.db, "detail", {}, "all", { year, metric });
    for (const row of quality.rows) {
      const year = row.year as number;
      const late = await detail(year, "quality.late");
      expect(late.rows.length, `${year} late`).toBe(row.late);
      expect(late.rows.every((r) => (r.daysLate as number) > 0)).toBe(true);
      expect((await detail(year, "quality.onTimeRate")).rows).toEqual(late.rows);
      const failing = await detail(year, "quality.checksPassedRate");
      expect(failing.rows.length, `${year} failing`).toBe(
        Math.round((row.received as number) * (1 - (row.checksPassedRate as number))),
      );
      expect(failing.rows.every((r) => r.checksPassed === false)).toBe(true);
      const missing = await detail(year, "quality.missing");
      expect(missing.rows.length, `${year} missing`).toBe(row.missing);
      expect(missing.rows.every((r) => r.flags === "缺报" && r.reportId === null)).toBe(true);
    }
    const late2021 = await detail(2021, "quality.late");
    expect(late2021.rows.map((r) => r.agency)).toEqual(["牡丹江市教育局"]);
    expect(late2021.notes[0]).toContain("逾期发布的报告");
    expect((await detail(2021, "quality.missing")).rows.map((r) => r.agency)).toEqual(["东安区民政局"]);
  });

  it("builds the page workbook from each chart's own params: the comparison year reaches only its charts", async () => {
    const filter = { region: "230000" };
    const view = { metric: "applications.received", year: 2020, detailYear: 2021, detailMetric: "quality.late" };
    const charts = listOverviewCharts(filter, view);
    expect(charts.map((c) => c.chart)).toEqual([
      "kpis",
      "applications-by-year",
      "outcomes-by-year",
      "licensing-by-year",
      "procurement-by-year",
      "review-by-year",
      "quality-by-year",
      "detail",
      "children",
      "heatmap",
      "agencies",
      "quality-agencies",
    ]);
    const tables = [];
    for (const { chart, params } of charts) tables.push(await getChartTable(t.db, chart, filter, "all", params));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(tables)) as unknown as ArrayBuffer);
    const sheetRows = (index: number) => workbook.worksheets[index + 1].getSheetValues().slice(2).length;
    // What each card on the page fetches (the chart endpoints' params), written out independently.
    const expected: Record<string, object> = {
      children: { metric: "applications.received", year: 2020 },
      heatmap: { metric: "applications.received" },
      agencies: { year: 2020 },
      detail: { year: 2021, metric: "quality.late" },
    };
    for (const [i, { chart }] of charts.entries()) {
      const endpoint = await getChartTable(t.db, chart, filter, "all", expected[chart] ?? {});
      expect(sheetRows(i), chart).toBe(endpoint.rows.length + (endpoint.totals ? 1 : 0));
      const sheet = workbook.worksheets[i + 1];
      endpoint.rows.forEach((row, r) => {
        endpoint.columns.forEach((column, c) => {
          const cell = sheet.getRow(r + 2).getCell(c + 1).value ?? null;
          const value = row[column.key] ?? null;
          expect(cell, `${chart} row ${r} ${column.key}`).toEqual(
            typeof value === "boolean" ? (value ? "是" : "否") : value,
          );
        });
      });
    }
    // The problem list spans every year although the comparison shows 2020.
    const problems = tables.find((t) => t.chart === "quality-agencies")!;
    const only2020 = await getChartTable(t.db, "quality-agencies", filter, "all", { year: 2020 });
    expect(problems.rows).not.toEqual(only2020.rows);
    const readme = workbook.getWorksheet("说明")!.getSheetValues().flat().join(" ");
    expect(readme).toContain("年度：2020年");
    expect(readme).toContain("范围：逾期发布的报告");
  });

  it("escapes formula-like text in CSV but leaves negative numbers alone", async () => {
    expect(escapeCsvText('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(escapeCsvText("+1")).toBe("'+1");
    expect(escapeCsvText("@cmd")).toBe("'@cmd");
    expect(escapeCsvText("-2")).toBe("'-2");
    expect(escapeCsvText("牡丹江市")).toBe("牡丹江市");
    const table = await getChartTable(t.db, "licensing-by-year", {}, "all");
    const csv = toCsv(table);
    expect(csv).toContain(",-2,");
    expect(csv).not.toContain("'-2");
  });

  it("serves the agency page and its documents within the scope", async () => {
    const id = agencyIds.get("牡丹江市教育局")!;
    const page = await getAgencyPage(t.db, id, "all");
    expect(page?.years).toEqual([2020, 2021]);
    expect(page?.series.find((s) => s.id === "active.procurement.amount")?.values).toEqual({
      2020: 885.1737,
      2021: null,
    });
    expect(page?.current.find((r) => r.year === 2021)?.daysLate).toBe(15);
    expect(await getAgencyPage(t.db, id, { regionCodes: ["320000"] })).toBeNull();
    const doc = await getSourceDocument(t.db, documentIds[0], "all");
    expect(new TextDecoder().decode(doc!.content)).toContain("<script>");
    expect(await getSourceDocument(t.db, documentIds[0], { regionCodes: ["320000"] })).toBeNull();
  });

  it("derives the dataset version from the newest report and keeps it stable between ingestions", async () => {
    const before = await drainRollupsAndGetVersion(t.db);
    expect(before).toMatch(/^r\d+$/);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await drainRollupsAndGetVersion(t.db)).toBe(before);
  });
});
