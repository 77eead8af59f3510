import { sql } from "drizzle-orm";
import postgres from "postgres";
import { CELLS } from "@/db/cells";
import { openDatabase } from "@/db/client";
import { ensureTestAccounts } from "@/lib/auth/bootstrap";
import { CHART_IDS, type ChartId } from "@/lib/charts/chart-catalog";
import { selectRows } from "@/lib/db/rows";
import { buildChartTable } from "@/lib/queries/charts/registry";
import { rebuildRollups } from "@/lib/rollups/refresh-rollups";
import type { GeneratedReport } from "@/lib/sample/generate";
import { insertReportsDirect } from "@/lib/sample/insert-direct";
import { planReports } from "@/lib/sample/plan-corpus";
import { seedRegions } from "@/lib/setup/seed-regions";
import { startAppServer } from "./support/app-server";
import { parseCliArgs } from "./support/cli-args";
import { startThrowawayPostgres } from "./support/throwaway-postgres";
import { percentile, time } from "./support/timing";

/**
 * Dashboard endpoints against a large synthetic dataset on real PostgreSQL: p50/p95 cold (first request after the
 * server starts, empty caches) and warm, and the ratio to the bare query function behind each chart.
 */
const USAGE = `npm run bench:api -- [--agencies N] [--runs N] [--replicate K] [--keep] [--reuse] [--load-only]
  Dashboard endpoints on a synthetic dataset (N agencies × 2019–2025, default 20000) in a throwaway PostgreSQL
  cluster or DATABASE_URL: cold and warm p50/p95 over --runs requests (default 15), against the bare queries.
  --replicate K adds K copies of every agency in SQL; --keep / --reuse keep and reuse the loaded database.`;
const { values } = parseCliArgs(USAGE, {
  options: {
    agencies: { type: "string", default: "20000" },
    runs: { type: "string", default: "15" },
    // With DATABASE_URL: keep the loaded database afterwards, and reuse it (skip the load) when it holds reports.
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    // Adds K copies of every agency and its current reports in SQL (regions redrawn at the same level).
    replicate: { type: "string", default: "0" },
    "load-only": { type: "boolean", default: false },
  },
});
const agencies = Number(values.agencies);
const runs = Number(values.runs);
const PASSWORD = `bench-${Date.now()}`;

const pg = process.env.DATABASE_URL
  ? null
  : await startThrowawayPostgres({ settings: { shared_buffers: "1GB", work_mem: "64MB" } });
const adminUrl = process.env.DATABASE_URL ?? pg!.adminUrl;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const exists = await admin`select 1 from pg_database where datname = 'ogi_bench_api'`;
const reuse = values.reuse && exists.length > 0;
if (!reuse) {
  await admin.unsafe("drop database if exists ogi_bench_api with (force)");
  await admin.unsafe("create database ogi_bench_api");
}
const url = new URL(adminUrl);
url.pathname = "/ogi_bench_api";
const handle = await openDatabase({ url: url.toString() });
await seedRegions(handle.db);

let total = 0;
if (reuse) {
  const [row] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from report_values`);
  total = Number(row.n);
  console.log(`沿用已有数据库 ogi_bench_api：${total} 份报告`);
} else {
  console.log(`写入 ${agencies} 个机关 × 2019–2025 年的合成报告（--direct）…`);
  const t0 = performance.now();
  let batch: GeneratedReport[] = [];
  for (const { report } of planReports({ agencies, fromYear: 2019, toYear: 2025, seed: 7 })) {
    batch.push(report);
    if (batch.length === 1000) {
      await insertReportsDirect(handle.db, batch);
      total += batch.length;
      batch = [];
      if (total % 50_000 === 0) console.log(`  ${total} 份（${((performance.now() - t0) / 1000).toFixed(0)} 秒）`);
    }
  }
  await insertReportsDirect(handle.db, batch);
  total += batch.length;
  await handle.db.execute(sql`vacuum analyze`);
  console.log(`  共 ${total} 份，用时 ${((performance.now() - t0) / 1000).toFixed(0)} 秒`);
}
const copies = Number(values.replicate);
if (copies > 0) {
  // The generator writes ~150 reports/s on a busy 2-core machine: 1M reports would take hours. Copies in SQL
  // multiply its output instead; every copy is an agency of its own in a region redrawn at the same level.
  const t0 = performance.now();
  const cells = CELLS.map((c) => `"${c.column}"`).join(", ");
  for (let k = 1; k <= copies; k++) {
    await handle.db.transaction(async (tx) => {
      await tx.execute(
        sql.raw(`
        create temp table amap on commit drop as
        with lv as (select level, array_agg(code order by code) as codes from regions group by level)
        select a.id as old_id, nextval('agencies_id_seq')::int as new_id, a.name, a.normalized_name, a.kind,
          lv.codes[1 + abs(hashtext(a.id || ':' || ${k})) % array_length(lv.codes, 1)] as region_code
        from agencies a join regions r on r.code = a.region_code join lv on lv.level = r.level
        where a.id in (select agency_id from reports where is_current) and a.normalized_name not like '%#%'`),
      );
      await tx.execute(
        sql.raw(`
        insert into agencies (id, name, normalized_name, region_code, kind)
        select new_id, name || '（${k}）', normalized_name || '#${k}', region_code, kind from amap`),
      );
      await tx.execute(
        sql.raw(`
        create temp table rmap on commit drop as
        select r.id as old_id, nextval('reports_id_seq')::int as new_id, m.new_id as agency_id, m.region_code
        from reports r join amap m on m.old_id = r.agency_id where r.is_current`),
      );
      await tx.execute(
        sql.raw(`
        insert into reports (id, agency_id, year, layout, published_at, deadline, is_current, source_document_id,
          parsed, parser_version, issue_count, error_count, checks_passed)
        select m.new_id, m.agency_id, r.year, r.layout, r.published_at, r.deadline, true, r.source_document_id,
          r.parsed, r.parser_version, r.issue_count, r.error_count, r.checks_passed
        from rmap m join reports r on r.id = m.old_id`),
      );
      await tx.execute(
        sql.raw(`
        insert into report_values (report_id, agency_id, year, layout, agency_kind, province_code, prefecture_code,
          county_code, ${cells})
        select m.new_id, m.agency_id, v.year, v.layout, v.agency_kind,
          case 1 when g.level then g.code when p.level then p.code when pp.level then pp.code end,
          case 2 when g.level then g.code when p.level then p.code end,
          case 3 when g.level then g.code end,
          ${CELLS.map((c) => `v."${c.column}"`).join(", ")}
        from rmap m join report_values v on v.report_id = m.old_id
          join regions g on g.code = m.region_code
          left join regions p on p.code = g.parent_code
          left join regions pp on pp.code = p.parent_code`),
      );
    });
    const [row] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from report_values`);
    total = Number(row.n);
    console.log(`  副本 ${k}：共 ${total} 份（${((performance.now() - t0) / 1000).toFixed(0)} 秒）`);
  }
  await rebuildRollups(handle.db);
  await handle.db.execute(sql`vacuum analyze`);
  console.log(`  复制与汇总表重建用时 ${((performance.now() - t0) / 1000).toFixed(0)} 秒`);
}
const [rollupRow] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from report_rollups`);
console.log(`汇总表 report_rollups：${rollupRow.n} 行`);
if (values["load-only"]) {
  await handle.close();
  await admin.end();
  process.exit(0);
}
await ensureTestAccounts(handle.db, PASSWORD);

const [sampleRegion] = await selectRows<{ province: string; prefecture: string; county: string; agency: number }>(
  handle.db,
  sql`select province_code as province, prefecture_code as prefecture, county_code as county, agency_id as agency
      from report_values where county_code is not null and prefecture_code is not null limit 1`,
);

type Target = { name: string; path: string; direct?: () => Promise<unknown> };
const chart = (id: ChartId, search: string, label: string): Target => ({
  name: `${label} ${id}`,
  path: `/api/charts/${id}?${search}`,
  direct: () => buildChartTable(handle.db, id, Object.fromEntries(new URLSearchParams(search)), "all", {}, "view"),
});
const targets: Target[] = [
  { name: "总览页面 /", path: "/" },
  ...CHART_IDS.filter((id) => id !== "detail" && id !== "agencies").map((id) => chart(id, "", "全国")),
  { name: "下钻页面 省", path: `/?region=${sampleRegion.province}` },
  chart("children", `region=${sampleRegion.province}`, "下钻 省"),
  chart("children", `region=${sampleRegion.prefecture}`, "下钻 市"),
  chart("agencies", `region=${sampleRegion.county}`, "下钻 县"),
  { name: "机关页面", path: `/agencies/${sampleRegion.agency}` },
];

const server = await startAppServer({ DATABASE_URL: url.toString() });
const { base } = server;
const cookie = await server.signIn("e2e-admin@ogi.local", PASSWORD);
const get = (path: string) =>
  fetch(`${base}${path}`, { headers: { cookie } }).then(async (r) => {
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    await r.arrayBuffer();
  });
console.log(`\n${total} 份报告；每个端点冷启动 1 次 + 预热后 ${runs} 次（ms）`);
console.log("| 端点 | 冷 | 热 p50 | 热 p95 | 直接查询 p50 | HTTP/直接 |");
console.log("|---|---|---|---|---|---|");
for (const target of targets) {
  const cold = await time(() => get(target.path));
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(await time(() => get(target.path)));
  let direct = "";
  let ratio = "";
  if (target.direct) {
    const d: number[] = [];
    for (let i = 0; i < Math.min(5, runs); i++) d.push(await time(target.direct));
    direct = percentile(d, 0.5).toFixed(1);
    ratio = (percentile(warm, 0.5) / percentile(d, 0.5)).toFixed(2);
  }
  console.log(
    `| ${target.name} | ${cold.toFixed(0)} | ${percentile(warm, 0.5).toFixed(1)} | ${percentile(warm, 0.95).toFixed(1)} | ${direct} | ${ratio} |`,
  );
}
server.stop();
await handle.close();
if (!values.keep) await admin.unsafe("drop database ogi_bench_api with (force)");
await admin.end();
pg?.stop();
process.exit(0);
