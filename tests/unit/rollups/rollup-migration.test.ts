import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { ROLLUP_METRICS } from "@/db/rollup-columns";
import { reportRollups } from "@/db/schema";
import { METRICS } from "@/lib/metrics";
import { buildNextMissingUpdate, buildProvinceDelta, buildRollupInsert } from "@/lib/rollups/rollup-sql";

const MIGRATIONS = path.join(import.meta.dirname, "..", "..", "..", "db", "migrations");

describe("report_rollups", () => {
  it("has the precomputed parts of every cell metric", () => {
    const cellMetrics = METRICS.filter((m) => m.source === "cells");
    expect(ROLLUP_METRICS.map((m) => m.metricId)).toEqual(cellMetrics.map((m) => m.id));
    const columns = new Set(Object.values(reportRollups).map((c) => (c as { name?: string }).name));
    for (const m of ROLLUP_METRICS) {
      expect(columns.has(m.num) && columns.has(m.n), m.metricId).toBe(true);
      if (m.den) expect(columns.has(m.den), m.metricId).toBe(true);
      expect(m.num.length).toBeLessThanOrEqual(63);
    }
  });

  it.each([
    ['"report_rollups"', () => buildRollupInsert(sql`true`)],
    ['"report_rollups_province"', () => buildProvinceDelta(1, sql`true`)],
    ['"next_missing"', () => buildNextMissingUpdate(sql`true`)],
  ])(
    "%s is rebuilt by the newest migration that touches it, with the SQL the code maintains it with",
    (table, build) => {
      const files = fs
        .readdirSync(MIGRATIONS)
        .filter((f) => f.endsWith(".sql"))
        .sort();
      // Index statements leave the contents alone; any other statement naming the table may change what it holds.
      const changes = (f: string) =>
        fs
          .readFileSync(path.join(MIGRATIONS, f), "utf8")
          .split("--> statement-breakpoint")
          .some((st) => st.includes(table) && !/^\s*(create|drop) index\b/i.test(st));
      const latest = files.filter(changes).at(-1)!;
      const text = fs.readFileSync(path.join(MIGRATIONS, latest), "utf8");
      const rebuild = new PgDialect().sqlToQuery(build()).sql.replace(/\s+/g, " ").trim();
      // A metric added to the dictionary needs a migration that adds its columns and rebuilds the rollups.
      expect(text.replace(/\s+/g, " ")).toContain(rebuild);
    },
  );
});
