import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CELLS } from "@/db/cells";
import { agencies, regions, reports, reportValues, sourceDocuments } from "@/db/schema";
import { selectRows } from "@/lib/db/rows";
import { aggregateMetrics } from "@/lib/queries/aggregate-metrics";
import { seedRegions } from "@/lib/setup/seed-regions";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

// The same data-layer contract on both paths: PostgreSQL 15 (servers, CI) and PGlite (the embedded default).
describe.each<DriverKind>(["postgres", "pglite"])("database on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedRegions(t.db);
  });
  afterAll(async () => t?.drop());

  it("applies the migrations: every report cell has its typed column", async () => {
    const columns = await selectRows<{ column_name: string }>(
      t.db,
      sql`select column_name from information_schema.columns where table_name = 'report_values'`,
    );
    const names = new Set(columns.map((c) => c.column_name));
    for (const cell of CELLS) expect(names, cell.column).toContain(cell.column);
  });

  it("seeds the GB/T 2260 regions once, with the hierarchy", async () => {
    await seedRegions(t.db);
    const [{ n }] = await t.db.select({ n: count() }).from(regions);
    expect(n).toBeGreaterThan(3000);
    const [mudanjiang] = await t.db.select().from(regions).where(eq(regions.code, "231000"));
    expect(mudanjiang.path).toEqual(["黑龙江省", "牡丹江市"]);
    expect(mudanjiang.parentCode).toBe("230000");
  });

  async function insertReport(agencyName: string, regionCode: string, year: number, received: number) {
    const [doc] = await t.db
      .insert(sourceDocuments)
      .values({
        sha256: `${agencyName}-${year}-${received}`.padEnd(64, "0").slice(0, 64),
        content: new TextEncoder().encode(agencyName),
        byteSize: 1,
        status: "parsed",
      })
      .returning();
    const [agency] = await t.db
      .insert(agencies)
      .values({ name: agencyName, normalizedName: agencyName, regionCode, kind: "department" })
      .onConflictDoUpdate({ target: [agencies.normalizedName, agencies.regionCode], set: { name: agencyName } })
      .returning();
    const [report] = await t.db
      .insert(reports)
      .values({ agencyId: agency.id, year, sourceDocumentId: doc.id, parsed: {}, parserVersion: "test" })
      .returning();
    await t.db.insert(reportValues).values({
      reportId: report.id,
      agencyId: agency.id,
      year,
      agencyKind: "department",
      provinceCode: `${regionCode.slice(0, 2)}0000`,
      prefectureCode: `${regionCode.slice(0, 4)}00`,
      app_received_natural: received - 1,
      app_received_commercial: 1,
      app_received_total: received,
    } as typeof reportValues.$inferInsert);
    return report;
  }

  it("sums new applications per year within a region scope", async () => {
    await insertReport("牡丹江市教育局", "231000", 2022, 10);
    await insertReport("牡丹江市财政局", "231000", 2022, 5);
    await insertReport("牡丹江市教育局", "231000", 2021, 3);
    await insertReport("哈尔滨市教育局", "230100", 2022, 100);

    // Straight from report_values: these rows bypass ingestion, so the rollups know nothing of them.
    const byYear = async (filter: Parameters<typeof aggregateMetrics>[1]) =>
      (
        await aggregateMetrics(t.db, filter, "all", {
          metricIds: [
            "applications.received",
            "applications.received.natural",
            "applications.received.commercial",
            "applications.received.research",
          ],
          groupBy: "year",
          source: "base",
        })
      ).map((r) => ({
        year: r.year,
        reports: r.reports,
        total: r.metrics["applications.received"].value,
        natural: r.metrics["applications.received.natural"].value,
        commercial: r.metrics["applications.received.commercial"].value,
        // No report prints this cell: a gap, never 0.
        research: r.metrics["applications.received.research"].value,
      }));
    expect(await byYear({ region: "230000" })).toEqual([
      { year: 2021, reports: 1, total: 3, natural: 2, commercial: 1, research: null },
      { year: 2022, reports: 3, total: 115, natural: 112, commercial: 3, research: null },
    ]);
    expect(await byYear({ region: "231000", from: 2022 })).toEqual([
      { year: 2022, reports: 2, total: 15, natural: 13, commercial: 2, research: null },
    ]);
    expect(await byYear({ region: "110000" })).toEqual([]);
  });

  it("allows exactly one current report per agency and year", async () => {
    const first = await insertReport("牡丹江市民政局", "231000", 2020, 1);
    await expect(insertReport("牡丹江市民政局", "231000", 2020, 2)).rejects.toThrow();
    await t.db.update(reports).set({ isCurrent: false }).where(eq(reports.id, first.id));
    await expect(insertReport("牡丹江市民政局", "231000", 2020, 3)).resolves.toBeTruthy();
  });
});
