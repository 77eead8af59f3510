import fs from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { openBenchServer } from "./bench-server";
import { listLongQueries } from "./candidate-long";
import { listWideQueries } from "./candidate-wide";
import { readConfig, USAGE } from "./config";
import { type BenchContext, log, runTimed } from "./context";
import { generateData } from "./generate-data";
import { benchIngest } from "./ingest-bench";
import { loadDesigns } from "./load-designs";
import { describeData, measureSizes } from "./measure-tables";
import { type BenchFigures, printReport } from "./print-report";
import { pickQueryParams, type QueryDef } from "./query-set";
import { runQueries } from "./run-queries";

/** ~25 GB of disk per million reports (all tiers, indexes and staging). */
const DISK_GB_PER_MILLION = 25;

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const config = readConfig(process.env);
const t0 = performance.now();
const server = await openBenchServer(config, process.env.DATABASE_URL);
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
const ctx: BenchContext = {
  sql: postgres(server.url, { max: 1, onnotice: () => {} }),
  config,
  server,
  dbOid: 0,
  loadLog: [],
};
const figures: BenchFigures = { meta: {}, load: ctx.loadLog, sizes: [], results: [], ingest: [] };
const { meta, results } = figures;
let failed = false;
try {
  const statfs = server.pgdata ? fs.statfsSync(server.pgdata) : undefined;
  const freeGb = statfs ? (statfs.bavail * statfs.bsize) / 1024 ** 3 : Number.NaN;
  const needGb = Math.max(1, (DISK_GB_PER_MILLION * config.reports) / 1_000_000);
  log(
    `reports ${config.reports} (${config.agencies} agencies × ${config.years} years), small tier 1/${config.smallEvery}; free disk ${freeGb.toFixed(0)} GB`,
  );
  if (statfs && freeGb < needGb)
    throw new Error(`only ${freeGb.toFixed(1)} GB free under ${os.tmpdir()}; need ~${needGb.toFixed(0)} GB`);
  await admin.unsafe(`create database ${config.dbName}`);
  const version = (await ctx.sql`select version() as v`)[0]!.v as string;
  const settings = await ctx.sql`select name, setting, unit from pg_settings where name in
      ('shared_buffers','work_mem','max_parallel_workers_per_gather','jit','effective_cache_size','fsync')`;
  Object.assign(meta, {
    date: new Date().toISOString(),
    version,
    settings: Object.fromEntries(settings.map((r) => [r.name, `${r.setting}${r.unit ?? ""}`])),
    host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 1024 ** 3) },
    loadavgStart: os.loadavg(),
    ownCluster: server.own,
  });
  ctx.dbOid = Number((await ctx.sql`select oid from pg_database where datname = current_database()`)[0]!.oid);

  await generateData(ctx);
  const tables = await loadDesigns(ctx);
  figures.sizes = await measureSizes(ctx, tables);
  meta.data = await describeData(ctx);
  log(`data: ${JSON.stringify(meta.data)}`);

  const full = await pickQueryParams(ctx.sql, "long_reports");
  const small = await pickQueryParams(ctx.sql, "long_reports_s");
  meta.params = { full, small };
  const run = async (design: string, queries: QueryDef[], restart = true) =>
    results.push(...(await runQueries(ctx, design, queries, restart)));
  await run("wide", listWideQueries("wide", full, true));
  await run("sparse", listLongQueries("sparse", "long_reports", full, true));
  await run("rollup", listWideQueries("rollup", full, false));
  await run("wide_s", listWideQueries("wide_s", small, true), false);
  await run("sparse_s", listLongQueries("sparse_s", "long_reports_s", small, true), false);
  await run("dense_s", listLongQueries("dense_s", "long_reports_s", small, false), false);

  // The index schema v1 lacks for "one province by year": (province_code, year).
  await runTimed(
    ctx,
    "extra index (province_code, year) on wide + long_reports",
    "create index wide_province_idx on wide (province_code, year); create index long_reports_province_idx on long_reports (province_code, year); analyze wide; analyze long_reports",
  );
  const provinceTrend = (qs: QueryDef[]) => qs.filter((q) => q.id === "Q2").map((q) => ({ ...q, id: "Q2+idx" }));
  await run("wide", provinceTrend(listWideQueries("wide", full, true)));
  await run("sparse", provinceTrend(listLongQueries("sparse", "long_reports", full, true)));
  for (const t of ["wide", "long_reports"]) {
    const r = (await ctx.sql.unsafe(`select pg_relation_size('${t}_province_idx')::bigint as b`))[0]!;
    meta[`${t}_province_idx_bytes`] = Number(r.b);
  }

  try {
    figures.ingest = await benchIngest(ctx);
  } catch (error) {
    console.error("ingest micro-benchmark failed:", error);
  }
  meta.loadavgEnd = os.loadavg();
  meta.elapsedMin = (performance.now() - t0) / 60000;
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await ctx.sql.end({ timeout: 5 }).catch(() => {});
  if (!config.keep) await admin.unsafe(`drop database if exists ${config.dbName}`).catch((e) => console.error(e));
  await admin.end({ timeout: 5 }).catch(() => {});
  if (config.keep) log(`kept: ${server.url}${server.pgdata ? ` (cluster in ${server.pgdata})` : ""}`);
  else server.stop();
}
if (failed) process.exit(1);
printReport(figures, config.warmRuns);
if (config.jsonPath) fs.writeFileSync(config.jsonPath, JSON.stringify(figures, null, 1));
