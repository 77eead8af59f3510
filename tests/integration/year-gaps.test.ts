import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { buildHeatmap } from "@/lib/queries/charts/comparison";
import { buildApplicationsByYear } from "@/lib/queries/charts/year-series";
import { drainPendingRollups } from "@/lib/rollups/pending-rollups";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const FIXTURE = path.join(import.meta.dirname, "..", "fixtures", "real", "mudanjiang-education-2019.txt");

describe("a year without reports stays on the trend axis as a gap", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    const text = fs.readFileSync(FIXTURE, "utf8");
    for (const year of [2020, 2023]) {
      const outcome = await ingestDocument(t.db, {
        bytes: new TextEncoder().encode(`${text}\n${year} 年度副本\n`),
        fileName: `${year}.txt`,
        metadata: { year, regionCode: "231000" },
      });
      expect(outcome.status).toBe("new");
    }
    // Another region reports later: 231000's axis runs on to that year, its missing years shown as gaps.
    const later = await ingestDocument(t.db, {
      bytes: new TextEncoder().encode(`${text}\n2025 年度副本（另一地区）\n`),
      fileName: "other-2025.txt",
      metadata: { year: 2025, regionCode: "230100" },
    });
    expect(later.status).toBe("new");
    await drainPendingRollups(t.db);
  });
  afterAll(() => t?.drop());

  it("fills the years between, and the filter's own bounds, with reports 0 and no values", async () => {
    const { rows } = await buildApplicationsByYear(t.db, { region: "231000" }, "all", {}, false);
    expect(rows.map((r) => r.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(rows.at(-1)).toMatchObject({ reports: 0, total: null });
    expect(rows[1]).toMatchObject({ reports: 0, total: null, processed: null });
    expect(rows[0].reports).toBe(1);
    expect(typeof rows[0].total).toBe("number");
    const bounded = await buildApplicationsByYear(t.db, { region: "231000", from: 2019, to: 2024 }, "all", {}, false);
    expect(bounded.rows.map((r) => [r.year, r.reports])).toEqual([
      [2019, 0],
      [2020, 1],
      [2021, 0],
      [2022, 0],
      [2023, 1],
      [2024, 0],
    ]);
  });

  it("gives the heatmap the same years, a child's missing years empty cells", async () => {
    const { columns, rows } = await buildHeatmap(t.db, { region: "230000" }, "all", {}, false);
    expect(columns.filter((c) => /^y\d{4}$/.test(c.key)).map((c) => c.key)).toEqual([
      "y2020",
      "y2021",
      "y2022",
      "y2023",
      "y2024",
      "y2025",
    ]);
    const mudanjiang = rows.find((r) => r.code === "231000")!;
    expect(mudanjiang.y2025 ?? null).toBeNull();
    expect(typeof mudanjiang.y2023).toBe("number");
  });
});
