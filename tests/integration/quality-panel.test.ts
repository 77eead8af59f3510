import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, reports, reportValues, sourceDocuments } from "@/db/schema";
import { getChartTable } from "@/lib/queries/charts/registry";
import { listQualityAgencies } from "@/lib/queries/quality-agencies";
import { rebuildRollups } from "@/lib/rollups/refresh-rollups";
import { seedRegions } from "@/lib/setup/seed-regions";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

type Report = { year: number; publishedAt: string; checksPassed?: boolean; issueCount?: number };
type Agency = { name: string; region: string; kind: "government" | "department"; reports: Report[] };

function regionLevels(code: string) {
  if (code.endsWith("0000")) return { provinceCode: code, prefectureCode: null, countyCode: null };
  if (code.endsWith("00")) return { provinceCode: `${code.slice(0, 2)}0000`, prefectureCode: code, countyCode: null };
  return { provinceCode: `${code.slice(0, 2)}0000`, prefectureCode: `${code.slice(0, 4)}00`, countyCode: code };
}

// Years 2021–2023 (2023 is the newest year). Deadlines: departments 31 Jan, governments 31 Mar of the next year.
const AGENCIES: Agency[] = [
  {
    // 2 reports failing the 勾稽 checks.
    name: "哈尔滨市卫生健康委员会",
    region: "230100",
    kind: "department",
    reports: [
      { year: 2021, publishedAt: "2022-01-10", checksPassed: false },
      { year: 2022, publishedAt: "2023-01-10", checksPassed: false },
      { year: 2023, publishedAt: "2024-01-10" },
    ],
  },
  {
    // 1 failing report, 1 late report (2022-02-10 > 2022-01-31).
    name: "牡丹江市教育局",
    region: "231000",
    kind: "department",
    reports: [
      { year: 2021, publishedAt: "2022-02-10" },
      { year: 2022, publishedAt: "2023-01-20", checksPassed: false },
      { year: 2023, publishedAt: "2024-01-20" },
    ],
  },
  {
    // Only issues: 5 + 4.
    name: "东安区民政局",
    region: "231002",
    kind: "department",
    reports: [
      { year: 2021, publishedAt: "2022-01-05", issueCount: 5 },
      { year: 2022, publishedAt: "2023-01-05", issueCount: 4 },
      { year: 2023, publishedAt: "2024-01-05" },
    ],
  },
  {
    // Missing in 2022 (reported 2021 and 2023), otherwise clean.
    name: "哈尔滨市人民政府",
    region: "230100",
    kind: "government",
    reports: [
      { year: 2021, publishedAt: "2022-03-30" },
      { year: 2023, publishedAt: "2024-03-30" },
    ],
  },
  {
    // Missing in 2023 and late in 2022 (2023-02-01 > 2023-01-31).
    name: "江苏省财政厅",
    region: "320000",
    kind: "department",
    reports: [
      { year: 2021, publishedAt: "2022-01-15" },
      { year: 2022, publishedAt: "2023-02-01" },
    ],
  },
  {
    // Clean: never listed.
    name: "东安区交通运输局",
    region: "231002",
    kind: "department",
    reports: [
      { year: 2021, publishedAt: "2022-01-15" },
      { year: 2022, publishedAt: "2023-01-15" },
      { year: 2023, publishedAt: "2024-01-15" },
    ],
  },
];

describe.each<DriverKind>(["postgres", "pglite"])("data-quality panel on %s", (driver) => {
  let t: TestDatabase;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    await seedRegions(t.db);
    let n = 0;
    for (const a of AGENCIES) {
      const [agency] = await t.db
        .insert(agencies)
        .values({ name: a.name, normalizedName: a.name, regionCode: a.region, kind: a.kind })
        .returning();
      ids.set(a.name, agency.id);
      for (const r of a.reports) {
        n++;
        const [doc] = await t.db
          .insert(sourceDocuments)
          .values({ sha256: String(n).padStart(64, "0"), content: new Uint8Array([n]), byteSize: 1, status: "parsed" })
          .returning();
        const layout = r.year <= 2020 ? "2019" : "2021";
        const [report] = await t.db
          .insert(reports)
          .values({
            agencyId: agency.id,
            year: r.year,
            layout,
            publishedAt: r.publishedAt,
            deadline: a.kind === "government" ? `${r.year + 1}-03-31` : `${r.year + 1}-01-31`,
            sourceDocumentId: doc.id,
            parsed: { agency: a.name, year: r.year, issues: [] },
            parserVersion: "test",
            issueCount: r.issueCount ?? 0,
            checksPassed: r.checksPassed ?? true,
          })
          .returning();
        await t.db.insert(reportValues).values({
          reportId: report.id,
          agencyId: agency.id,
          year: r.year,
          layout,
          agencyKind: a.kind,
          ...regionLevels(a.region),
        });
      }
    }
    // Sets the 缺报 flags (report_values.next_missing) the panel reads, as a bulk load does.
    await rebuildRollups(t.db);
  });
  afterAll(async () => t?.drop());

  const counts = (rows: Awaited<ReturnType<typeof listQualityAgencies>>["rows"]) =>
    rows.map((r) => [r.agency, r.failing, r.missingYears, r.late, r.issues]);

  it("ranks agencies by failing reports, then missing years, then late reports, then issues", async () => {
    const { rows, truncated } = await listQualityAgencies(t.db, {}, "all", { limit: 10 });
    expect(truncated).toBe(false);
    expect(counts(rows)).toEqual([
      ["哈尔滨市卫生健康委员会", 2, [], 0, 0],
      ["牡丹江市教育局", 1, [], 1, 0],
      ["江苏省财政厅", 0, [2023], 1, 0],
      ["哈尔滨市人民政府", 0, [2022], 0, 0],
      ["东安区民政局", 0, [], 0, 9],
    ]);
    expect(rows[1]).toMatchObject({
      agencyId: ids.get("牡丹江市教育局"),
      regionCode: "231000",
      region: "黑龙江省牡丹江市",
    });
  });

  it("cuts at the limit and says so, ranking ties at the cut by late reports", async () => {
    const top = async (limit: number) => {
      const { rows, truncated } = await listQualityAgencies(t.db, {}, "all", { limit });
      expect(truncated).toBe(true);
      return rows.map((r) => r.agency);
    };
    expect(await top(1)).toEqual(["哈尔滨市卫生健康委员会"]);
    expect(await top(2)).toEqual(["哈尔滨市卫生健康委员会", "牡丹江市教育局"]);
    // 江苏省财政厅 and 哈尔滨市人民政府 both went missing once and never failed; the late report decides (the lower
    // agency id, 哈尔滨市人民政府, would win on failing and missing alone).
    expect(await top(3)).toEqual(["哈尔滨市卫生健康委员会", "牡丹江市教育局", "江苏省财政厅"]);
    // Only 4 agencies failed or went missing, so no cut applies and all are ranked: the issue-only one is fifth.
    expect(await top(4)).toEqual(["哈尔滨市卫生健康委员会", "牡丹江市教育局", "江苏省财政厅", "哈尔滨市人民政府"]);
  });

  it("applies region, kind, year range, single year and scope", async () => {
    const names = async (...args: Parameters<typeof listQualityAgencies> extends [unknown, ...infer R] ? R : never) =>
      (await listQualityAgencies(t.db, ...args)).rows.map((r) => r.agency);
    expect(await names({ region: "230000" }, "all", { limit: 10 })).toEqual([
      "哈尔滨市卫生健康委员会",
      "牡丹江市教育局",
      "哈尔滨市人民政府",
      "东安区民政局",
    ]);
    expect(await names({ region: "231002" }, "all", { limit: 10 })).toEqual(["东安区民政局"]);
    expect(await names({ kind: "government" }, "all", { limit: 10 })).toEqual(["哈尔滨市人民政府"]);
    // 2023 alone: nobody failed or was late; 江苏省财政厅 went missing.
    expect(await names({}, "all", { year: 2023, limit: 10 })).toEqual(["江苏省财政厅"]);
    // From 2022: 2021's late report and 5 issues drop out; 哈尔滨市人民政府 went missing in 2022.
    const from2022 = await listQualityAgencies(t.db, { from: 2022 }, "all", { limit: 10 });
    expect(counts(from2022.rows)).toEqual([
      ["哈尔滨市卫生健康委员会", 1, [], 0, 0],
      ["牡丹江市教育局", 1, [], 0, 0],
      ["江苏省财政厅", 0, [2023], 1, 0],
      ["哈尔滨市人民政府", 0, [2022], 0, 0],
      ["东安区民政局", 0, [], 0, 4],
    ]);
    expect(await names({}, { regionCodes: ["320000"] }, { limit: 10 })).toEqual(["江苏省财政厅"]);
    expect(await names({}, { regionCodes: [] }, { limit: 10 })).toEqual([]);
  });

  it("serves the panel as a chart table of agencies linking to their pages", async () => {
    const table = await getChartTable(t.db, "quality-agencies", {}, "all");
    expect(table.columns.map((c) => c.key)).toEqual([
      "agency",
      "region",
      "failing",
      "missing",
      "missingYears",
      "late",
      "issues",
      "agencyId",
    ]);
    expect(table.rows[2]).toEqual({
      agency: "江苏省财政厅",
      region: "江苏省",
      failing: 0,
      missing: 1,
      missingYears: "2023",
      late: 1,
      issues: 0,
      agencyId: ids.get("江苏省财政厅"),
    });
    expect(table.notes[0]).toContain("勾稽校验未通过的报告数、缺报年度数、逾期报告数、问题条数");
  });
});
