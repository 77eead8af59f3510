import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { selectRows } from "@/lib/db/rows";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import { deleteReport } from "@/lib/ingest/delete-report";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { reparseDocument } from "@/lib/ingest/reparse-document";
import { METRICS } from "@/lib/metrics";
import { aggregateMetrics, type GroupBy } from "@/lib/queries/aggregate-metrics";
import { listYears } from "@/lib/queries/charts/list-years";
import { drainPendingRollups, hasPendingRollups } from "@/lib/rollups/pending-rollups";
import { rebuildRollups, refreshRollups } from "@/lib/rollups/refresh-rollups";
import { generateCorpusDocuments } from "@/lib/sample/plan-corpus";
import { seedRegions } from "@/lib/setup/seed-regions";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

type Doc = { bytes: Uint8Array; fileName: string; agency: string; year: number };

// Few regions, so that several agencies share a rollup group: two counties of 牡丹江市 and the city itself.
const REGIONS = ["231002", "231003", "231000"];

async function makeDocs(seed: number, agencies: number, names?: string[]): Promise<Doc[]> {
  const docs: Doc[] = [];
  let i = 0;
  const index = new Map<string, number>();
  for await (const d of generateCorpusDocuments({
    agencies,
    fromYear: 2019,
    toYear: 2023,
    seed,
    provinces: ["23"],
    renderings: ["markdown"],
  })) {
    if (!index.has(d.report.agency)) index.set(d.report.agency, index.size);
    const n = index.get(d.report.agency)!;
    docs.push({
      bytes: d.bytes,
      fileName: `${seed}-${i++}.md`,
      agency: names?.[n % names.length] ?? d.report.agency,
      year: d.report.year,
    });
  }
  return docs;
}

const regionOf = (agency: string) => REGIONS[[...agency].reduce((h, c) => h + c.charCodeAt(0), 0) % REGIONS.length];

const ingest = (db: Db, d: Doc) =>
  ingestDocument(db, {
    bytes: d.bytes,
    fileName: d.fileName,
    metadata: { agency: d.agency, year: d.year, regionCode: regionOf(d.agency) },
  });

async function rollupRows(db: Db): Promise<Record<string, unknown>[]> {
  return selectRows<Record<string, unknown>>(
    db,
    sql`select * from report_rollups order by year, agency_kind, region_code, layout nulls first`,
  );
}

// Numbers compared by value: numeric sums kept by deltas print 0.000000 where a rebuild prints 0.
const byValue = (rows: Record<string, unknown>[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v]),
    ),
  );

async function provinceRows(db: Db): Promise<Record<string, unknown>[]> {
  return byValue(
    await selectRows<Record<string, unknown>>(
      db,
      sql`select * from report_rollups_province order by year, agency_kind, province_code nulls first, layout nulls first`,
    ),
  );
}

/** The maintained rollup equals a rebuild from report_values, and its core counts equal a plain GROUP BY. */
async function expectRollupConsistent(db: Db) {
  // Ingestion only marks groups; readers and the end of a batch drain the marks.
  await drainPendingRollups(db);
  expect(await hasPendingRollups(db)).toBe(false);
  const [flags] = await selectRows<{ wrong: number }>(
    db,
    sql`select count(*)::int as wrong from report_values rv where rv.next_missing <> not exists (
          select 1 from report_values nx where nx.agency_id = rv.agency_id and nx.year = rv.year + 1)`,
  );
  expect(Number(flags.wrong), "next_missing flags").toBe(0);
  const maintained = await rollupRows(db);
  const direct = await selectRows<Record<string, unknown>>(
    db,
    sql`select year, agency_kind, coalesce(county_code, prefecture_code, province_code, '') as region_code, layout,
          count(*)::int as reports, sum(app_received_total)::int8 as received,
          count(*) filter (where not exists (select 1 from report_values nx
            where nx.agency_id = rv.agency_id and nx.year = rv.year + 1))::int as leavers
        from report_values rv group by 1, 2, 3, 4 order by 1, 2, 3, 4 nulls first`,
  );
  expect(
    maintained.map((r) => ({
      year: Number(r.year),
      kind: r.agency_kind,
      region: r.region_code,
      layout: r.layout,
      reports: Number(r.reports),
      received: r.m_applications_received_num == null ? null : Number(r.m_applications_received_num),
      leavers: Number(r.leavers),
    })),
  ).toEqual(
    direct.map((r) => ({
      year: Number(r.year),
      kind: r.agency_kind,
      region: r.region_code,
      layout: r.layout,
      reports: Number(r.reports),
      received: r.received == null ? null : Number(r.received),
      leavers: Number(r.leavers),
    })),
  );
  const provinces = await provinceRows(db);
  expect(provinces.every((r) => Number(r.reports) > 0)).toBe(true);
  await rebuildRollups(db);
  expect(await rollupRows(db)).toEqual(maintained);
  expect(await provinceRows(db)).toEqual(provinces);
}

const ALL_METRICS = METRICS.map((m) => m.id);
const FILTERS: DashboardFilter[] = [
  {},
  { region: "230000" },
  { region: "231000" },
  { region: "231002" },
  { from: 2020, to: 2022 },
  { kind: "department" },
  { layout: "2019" },
  { layout: "2021", region: "231000", from: 2021 },
];
const GROUPINGS: GroupBy[] = ["total", "year", "child", "childYear"];

async function expectRollupAnswersLikeBase(db: Db) {
  for (const filter of FILTERS) {
    for (const scope of ["all", { regionCodes: ["231002", "231003"] }, { regionCodes: ["230000"] }] as const) {
      const years = await listYears(db, filter, scope, "base");
      expect(await listYears(db, filter, scope, "rollup")).toEqual(years);
      expect(await listYears(db, filter, scope, "auto")).toEqual(years);
      for (const groupBy of GROUPINGS) {
        const options = { metricIds: ALL_METRICS, groupBy };
        const fromBase = await aggregateMetrics(db, filter, scope, { ...options, source: "base" });
        const label = `${JSON.stringify(filter)} ${JSON.stringify(scope)} ${groupBy}`;
        // "auto" reads the province rollup where it can (no region chosen), "rollup" always the finer one.
        expect(await aggregateMetrics(db, filter, scope, options), label).toEqual(fromBase);
        expect(await aggregateMetrics(db, filter, scope, { ...options, source: "rollup" }), label).toEqual(fromBase);
      }
    }
  }
}

describe.each<DriverKind>(["postgres", "pglite"])("report rollups on %s", (kind) => {
  let t: TestDatabase;
  let first: Doc[];
  let second: Doc[];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedRegions(t.db);
    first = await makeDocs(11, 8);
    // Other numbers for the same agency-years: new versions.
    second = await makeDocs(12, 8, [...new Set(first.map((d) => d.agency))]);
  }, 240_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("is built by the migration (empty) and follows ingests and new versions", async () => {
    expect(await rollupRows(t.db)).toEqual([]);
    expect(await provinceRows(t.db)).toEqual([]);
    for (const d of first.slice(0, 20)) await ingest(t.db, d);
    await expectRollupConsistent(t.db);
    const agency = first[0].agency;
    for (const d of second.filter((x) => x.agency === agency)) await ingest(t.db, d);
    await expectRollupConsistent(t.db);
    await expectRollupAnswersLikeBase(t.db);
  }, 240_000);

  it("is marked by ingestion and recomputed by a drain, once per group", async () => {
    for (const d of first.slice(20, 26)) await ingest(t.db, d);
    expect(await hasPendingRollups(t.db)).toBe(true);
    expect(await drainPendingRollups(t.db)).toBeGreaterThan(0);
    expect(await drainPendingRollups(t.db)).toBe(0);
    await expectRollupConsistent(t.db);
  }, 240_000);

  it("follows deletions (the previous version comes back, or the group empties) and reparses", async () => {
    const versions = await selectRows<{ id: number; agency_id: number; year: number; is_current: boolean }>(
      t.db,
      sql`select id, agency_id, year, is_current from reports order by id`,
    );
    const replaced = versions.find(
      (v) => v.is_current && versions.some((w) => w.agency_id === v.agency_id && w.year === v.year && !w.is_current),
    );
    expect(replaced).toBeDefined();
    await deleteReport(t.db, replaced!.id);
    await expectRollupConsistent(t.db);
    const only = versions.filter((v) => v.is_current && v.id !== replaced!.id).at(-1)!;
    await deleteReport(t.db, only.id);
    await expectRollupConsistent(t.db);

    // Tamper with a stored report and its values, make the rollup agree with that, then let reparse restore both.
    const [row] = await selectRows<{ id: number; source_document_id: number }>(
      t.db,
      sql`select r.id, r.source_document_id from reports r join report_values v on v.report_id = r.id
          where v.app_received_total is not null order by r.id limit 1`,
    );
    await t.db.execute(
      sql`update report_values set app_received_total = app_received_total + 1000 where report_id = ${row.id}`,
    );
    await t.db.execute(
      sql`update reports set parsed = jsonb_set(parsed, '{applications,received,total}',
            to_jsonb((parsed #>> '{applications,received,total}')::int + 1000)) where id = ${row.id}`,
    );
    await rebuildRollups(t.db);
    const outcome = await reparseDocument(t.db, row.source_document_id);
    expect(outcome.status).toBe("changed");
    await expectRollupConsistent(t.db);
    await expectRollupAnswersLikeBase(t.db);
  }, 240_000);

  it.runIf(kind === "postgres")(
    "stays exact under concurrent ingests (4 at a time, same groups, neighbouring years)",
    async () => {
      const rest = [...first.slice(20), ...second.filter((d) => d.agency !== first[0].agency)];
      // Order by year so that concurrent stores hit the same groups and each other's previous/next years.
      rest.sort((a, b) => a.year - b.year || a.agency.localeCompare(b.agency));
      const seen = new Set<string>();
      const queue = rest.filter((d) => {
        const key = `${d.agency}|${d.year}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      for (let i = 0; i < queue.length; i += 4) {
        const outcomes = await Promise.all(queue.slice(i, i + 4).map((d) => ingest(t.db, d)));
        for (const o of outcomes) expect(o.status).not.toBe("rejected");
      }
      await expectRollupConsistent(t.db);
      await expectRollupAnswersLikeBase(t.db);
    },
    240_000,
  );

  it.runIf(kind === "postgres")(
    "serialises two READ COMMITTED writers of one group: the later one recomputes from the earlier one's rows",
    async () => {
      const [pair] = await selectRows<{ a: number; b: number; a_agency: number; b_agency: number; year: number }>(
        t.db,
        sql`select min(report_id) as a, max(report_id) as b, min(agency_id) as a_agency, max(agency_id) as b_agency,
              min(year) as year
            from report_values group by coalesce(county_code, prefecture_code, province_code, ''), year, agency_kind
            having count(*) >= 2 and min(agency_id) <> max(agency_id) limit 1`,
      );
      expect(pair).toBeDefined();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const first = t.db.transaction(async (tx) => {
        await tx.execute(sql`update report_values set app_received_total = 7001 where report_id = ${pair.a}`);
        await refreshRollups(tx, [{ agencyId: Number(pair.a_agency), year: Number(pair.year) }]);
        await gate;
      });
      await new Promise((r) => setTimeout(r, 200));
      const second = t.db.transaction(async (tx) => {
        await tx.execute(sql`update report_values set app_received_total = 7002 where report_id = ${pair.b}`);
        await refreshRollups(tx, [{ agencyId: Number(pair.b_agency), year: Number(pair.year) }]);
      });
      // Let the second writer reach its refresh (it waits for the first one's group lock), then commit the first.
      for (let i = 0; i < 50; i++) {
        const [w] = await selectRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
        );
        if (Number(w.n) > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      release();
      await Promise.all([first, second]);
      await expectRollupConsistent(t.db);
    },
    60_000,
  );
});
