/**
 * Storage-design benchmark for the fact tables (see docs/schema-decision.md).
 *
 *   npm run bench:schema                      # own throwaway cluster on 127.0.0.1:55440 (BENCH_PGPORT)
 *   DATABASE_URL=postgres://… npm run bench:schema   # scratch database on an existing server
 *
 * Candidates: (a) wide typed columns (schema v1 `report_values`, bigint and an int4 variant),
 * (b) long facts (report_id, cell, value) sparse (non-zero cells only) and dense (every cell of the layout),
 * (c) a county × year × agency_kind rollup of all cell sums. Synthetic data are generated in SQL.
 * Env: BENCH_REPORTS (default 1,000,000), BENCH_SMALL_REPORTS (100,000: the tier where dense long facts are
 * measured next to wide and sparse), BENCH_RUNS (5 warm runs), BENCH_INGEST (reports per ingest micro-benchmark),
 * BENCH_JSON (write all figures to this file), BENCH_KEEP=1 (keep the scratch database).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { CELLS, type CellDef } from "../db/cells";
import { ACTIVE_ROWS, APPLICATION_ROWS, type Layout } from "../lib/report/schema";

const N_REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const N_SMALL = Number(process.env.BENCH_SMALL_REPORTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const N_INGEST = Number(process.env.BENCH_INGEST ?? 300);
/** Restart the server and evict the page cache before each query's first run (full tier only; BENCH_COLD=0 disables). */
const PORT = Number(process.env.BENCH_PGPORT ?? 55440);
const YEARS = 7;
const N_AGENCIES = Math.floor(N_REPORTS / YEARS);
const SMALL_EVERY = Math.max(1, Math.round(N_REPORTS / N_SMALL));
const DB_NAME = `ogi_bench_${process.pid}`;

// ───────────────────────── cluster ─────────────────────────

const isRoot = process.getuid?.() === 0;
const PGBIN = fs.existsSync("/usr/lib/postgresql/15/bin")
  ? "/usr/lib/postgresql/15/bin"
  : path.join(
      "/usr/lib/postgresql",
      fs
        .readdirSync("/usr/lib/postgresql")
        .sort((a, b) => Number(a) - Number(b))
        .at(-1) ?? "15",
      "bin",
    );

function pgExec(tool: string, args: string[]): string {
  const bin = path.join(PGBIN, tool);
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

type Cluster = {
  adminUrl: string;
  url: string;
  own: boolean;
  pgdata?: string;
  /** Restart the server and evict this database's files from the OS page cache (own cluster only). */
  coldRestart: (dbOid: number) => void;
  stop: () => void;
};

const SERVER_SETTINGS = {
  shared_buffers: "1GB",
  work_mem: "64MB",
  maintenance_work_mem: "1GB",
  effective_cache_size: "12GB",
  max_wal_size: "4GB",
  checkpoint_timeout: "30min",
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  autovacuum: "off",
};

function startOwnCluster(): Cluster {
  const pgdata = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-bench-pg."));
  if (isRoot) execFileSync("chown", ["postgres:postgres", pgdata]);
  pgExec("initdb", ["-D", pgdata, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"]);
  const opts = [
    `-p ${PORT}`,
    `-k ${pgdata}`,
    "-c listen_addresses=127.0.0.1",
    ...Object.entries(SERVER_SETTINGS).map(([k, v]) => `-c ${k}=${v}`),
  ].join(" ");
  const start = () =>
    pgExec("pg_ctl", ["-D", pgdata, "-l", path.join(pgdata, "server.log"), "-w", "-o", opts, "start"]);
  start();
  let stopped = false;
  const adminUrl = `postgres://postgres@127.0.0.1:${PORT}/postgres`;
  return {
    adminUrl,
    url: `postgres://postgres@127.0.0.1:${PORT}/${DB_NAME}`,
    own: true,
    pgdata,
    coldRestart(dbOid: number) {
      pgExec("pg_ctl", ["-D", pgdata, "-m", "fast", "-w", "stop"]);
      const dir = path.join(pgdata, "base", String(dbOid));
      // Write back, then drop from the page cache only this database's files (other users' cache is untouched).
      execFileSync("sh", [
        "-c",
        'cd "$1" && sync -- * && for f in *; do dd if="$f" iflag=nocache count=0 status=none; done',
        "sh",
        dir,
      ]);
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgExec("pg_ctl", ["-D", pgdata, "-m", "immediate", "-w", "stop"]);
      } catch {}
      fs.rmSync(pgdata, { recursive: true, force: true });
    },
  };
}

function attachToServer(url: string): Cluster {
  const u = new URL(url);
  u.pathname = `/${DB_NAME}`;
  return { adminUrl: url, url: u.toString(), own: false, coldRestart() {}, stop() {} };
}

// ───────────────────────── synthetic data model ─────────────────────────

type Gen = { scale: "sa" | "sp" | "sd" | "sf"; share: number; signed?: boolean; money?: boolean };

const APP_COL_SHARE: Record<string, number> = {
  natural: 0.85,
  commercial: 0.08,
  research: 0.005,
  nonprofit: 0.01,
  legal: 0.02,
  otherOrg: 0.035,
  total: 1,
};
const APP_ROW_SHARE: Record<string, number> = {
  received: 1,
  carriedOver: 0.08,
  granted: 0.45,
  partial: 0.12,
  deniedStateSecret: 0.003,
  deniedLawProhibited: 0.005,
  deniedSecurityStability: 0.003,
  deniedThirdParty: 0.01,
  deniedInternalAffairs: 0.01,
  deniedProcessInfo: 0.02,
  deniedEnforcementFile: 0.005,
  deniedAdminQuery: 0.01,
  unableNotHeld: 0.15,
  unableNeedsCreation: 0.02,
  unableUnclear: 0.02,
  notHandledComplaint: 0.03,
  notHandledRepeated: 0.02,
  notHandledPublication: 0.005,
  notHandledExcessive: 0.005,
  notHandledConfirmation: 0.01,
  otherHandling: 0.05,
  otherNoCorrection: 0.03,
  otherUnpaidFee: 0.001,
  otherOther: 0.02,
  processedTotal: 1,
  carriedForward: 0.08,
};
const ACTIVE_GEN: Record<string, Gen> = {
  "rules.made": { scale: "sd", share: 0.1 },
  "rules.newlyPublished": { scale: "sd", share: 0.1 },
  "rules.totalPublished": { scale: "sd", share: 2 },
  "rules.repealed": { scale: "sd", share: 0.05 },
  "rules.inForce": { scale: "sd", share: 2 },
  "normativeDocs.made": { scale: "sd", share: 1 },
  "normativeDocs.newlyPublished": { scale: "sd", share: 1 },
  "normativeDocs.totalPublished": { scale: "sd", share: 10 },
  "normativeDocs.repealed": { scale: "sd", share: 0.3 },
  "normativeDocs.inForce": { scale: "sd", share: 10 },
  "licensing.previous": { scale: "sp", share: 0.05 },
  "licensing.change": { scale: "sp", share: 0.005, signed: true },
  "licensing.decisions": { scale: "sp", share: 1 },
  "otherServices.previous": { scale: "sp", share: 0.02 },
  "otherServices.change": { scale: "sp", share: 0.002, signed: true },
  "otherServices.decisions": { scale: "sp", share: 0.3 },
  "penalty.previous": { scale: "sp", share: 0.02 },
  "penalty.change": { scale: "sp", share: 0.002, signed: true },
  "penalty.decisions": { scale: "sp", share: 0.5 },
  "coercion.previous": { scale: "sp", share: 0.005 },
  "coercion.change": { scale: "sp", share: 0.001, signed: true },
  "coercion.decisions": { scale: "sp", share: 0.05 },
  "fees.previous": { scale: "sf", share: 0.3 },
  "fees.change": { scale: "sf", share: 0.05, signed: true },
  "fees.amount": { scale: "sf", share: 20, money: true },
  "procurement.count": { scale: "sf", share: 0.5 },
  "procurement.amount": { scale: "sf", share: 100, money: true },
};
const REVIEW_SHARE: Record<string, number> = { review: 0.03, litigationDirect: 0.01, litigationAfterReview: 0.005 };
const REVIEW_COL_SHARE: Record<string, number> = { upheld: 0.6, corrected: 0.1, other: 0.15, pending: 0.15, total: 1 };

function genOf(cell: CellDef): Gen {
  const [table, a, b] = cell.path.split(".");
  if (table === "active") return ACTIVE_GEN[`${a}.${b}`]!;
  if (table === "applications") return { scale: "sa", share: APP_ROW_SHARE[a]! * APP_COL_SHARE[b]! };
  return { scale: "sa", share: REVIEW_SHARE[table]! * REVIEW_COL_SHARE[a]! };
}

function inLayout(cell: CellDef, layout: Layout): boolean {
  const [table, a, b] = cell.path.split(".");
  if (table === "active")
    return (ACTIVE_ROWS[a as keyof typeof ACTIVE_ROWS].columns[layout] as readonly string[]).includes(b);
  if (table === "applications")
    return (APPLICATION_ROWS[a as keyof typeof APPLICATION_ROWS].layouts as readonly string[]).includes(layout);
  return true;
}

/** Uniform (0, 1] from a hash of (report, salt); inlined because non-inlined SQL functions are ~30 µs a call. */
const U = (salt: number, id = "s.report_id") =>
  `((hashint8extended(${id}::bigint * 1000 + ${salt}, 42) & 1048575) + 1)::float8 / 1048577`;
/** Geometric draw with mean m (P(x ≥ 1) = m / (1 + m)): most small-mean cells are 0. */
const GEO = (m: string, u: string) =>
  `(case when ${m} > 0 then floor(ln(${u}) / ln((${m}) / (1 + ${m})))::bigint else 0 end)`;

/** SQL expression for cell number k (1-based) of one report, or NULL when the layout lacks the cell. */
function cellExpr(cell: CellDef, k: number, layout: Layout): string {
  if (!inLayout(cell, layout)) return "null";
  const g = genOf(cell);
  const m = `s.${g.scale} * ${g.share}`;
  if (g.money) return `case when s.${g.scale} > 0 then round((-(${m}) * ln(${U(k)}))::numeric, 4) else 0 end`;
  const geo = GEO(m, U(k));
  return g.signed ? `${geo} - ${GEO(m, U(k + 300))}` : geo;
}

const K = (p: string) => {
  const i = CELLS.findIndex((c) => c.path === p);
  if (i < 0) throw new Error(`unknown cell ${p}`);
  return i + 1;
};
const COL = (p: string) => CELLS[K(p) - 1]!.column;

// ───────────────────────── DDL + load ─────────────────────────

const DIMS = `report_id integer not null, agency_id integer not null, year smallint not null, layout varchar(4),
  province_code varchar(6), prefecture_code varchar(6), county_code varchar(6), agency_kind varchar(16) not null`;
const DIM_COLS = "report_id, agency_id, year, layout, province_code, prefecture_code, county_code, agency_kind";

function wideDdl(table: string, countType: "bigint" | "integer"): string {
  const cols = CELLS.map((c) => `${c.column} ${c.kind === "money" ? "numeric(20,6)" : countType}`).join(",\n  ");
  return `create table ${table} (${DIMS},\n  ${cols})`;
}
const wideSelect = (where: string) => `select * from bench_stage ${where}`;
/** Unpivot of a staging row into (cell, value) pairs. */
const UNPIVOT = `cross join lateral (values ${CELLS.map((c, i) => `(${i + 1}::smallint, s.${c.column}::numeric)`).join(", ")}) as x(k, v)`;

/** Secondary indexes of schema v1 `report_values` (db/schema.ts), same set on the long designs' report table. */
const V1_INDEXES = [
  ["year_province", "(year, province_code)"],
  ["prefecture", "(prefecture_code, year)"],
  ["county", "(county_code, year)"],
  ["agency", "(agency_id, year)"],
] as const;

type Timed = { label: string; ms: number };
const loadLog: Timed[] = [];

// ───────────────────────── queries ─────────────────────────

type QueryDef = { id: string; label: string; sql: string };
type Params = { province: string; prefecture: string; county: string; year: number; agency: number };

const Q1_CELLS = ["natural", "commercial", "research", "nonprofit", "legal", "otherOrg", "total"].map(
  (c) => `applications.received.${c}`,
);
const Q2_METRICS: [string, string[]][] = [
  ["received", ["received"]],
  ["carriedOver", ["carriedOver"]],
  ["granted", ["granted"]],
  ["partial", ["partial"]],
  ["denied", Object.keys(APPLICATION_ROWS).filter((r) => r.startsWith("denied"))],
  ["unable", Object.keys(APPLICATION_ROWS).filter((r) => r.startsWith("unable"))],
  ["notHandled", Object.keys(APPLICATION_ROWS).filter((r) => r.startsWith("notHandled"))],
  ["other", Object.keys(APPLICATION_ROWS).filter((r) => r.startsWith("other"))],
  ["processedTotal", ["processedTotal"]],
  ["carriedForward", ["carriedForward"]],
];
const Q2_CELLS = Q2_METRICS.flatMap(([, rows]) => rows.map((r) => `applications.${r}.total`));
const METRIC = "applications.received.total";
const Q5_CELLS = [
  "applications.received.total",
  "applications.received.natural",
  "applications.carriedOver.total",
  "applications.granted.total",
  "applications.partial.total",
  "applications.unableNotHeld.total",
  "applications.processedTotal.total",
  "applications.carriedForward.total",
  "review.total",
  "litigationDirect.total",
  "litigationAfterReview.total",
  "active.penalty.decisions",
];

const QUERY_LABELS: Record<string, string> = {
  Q1: "national trend: received × 7 columns by year",
  Q2: "province trend: 10 outcome metrics (25 cells) by year",
  Q3a: "children: 1 metric by prefecture, 1 province-year",
  Q3b: "children: 1 metric by county, 1 prefecture-year",
  Q4: "heatmap: 1 metric by province × year",
  Q5: "agency table: 12 cells per agency, 1 county-year, sorted",
  Q6: "agency page: all cells, all years of 1 agency",
};

function wideQueries(t: string, p: Params, withAgencyQueries: boolean): QueryDef[] {
  const s = (c: string) => `coalesce(sum(${COL(c)}), 0)`;
  const qs: QueryDef[] = [
    { id: "Q1", label: "", sql: `select year, ${Q1_CELLS.map(s).join(", ")} from ${t} group by year order by year` },
    {
      id: "Q2",
      label: "",
      sql: `select year, ${Q2_METRICS.map(([name, rows]) => `${rows.map((r) => s(`applications.${r}.total`)).join(" + ")} as ${name}`).join(", ")}
        from ${t} where province_code = '${p.province}' group by year order by year`,
    },
    {
      id: "Q3a",
      label: "",
      sql: `select prefecture_code, ${s(METRIC)} as v from ${t} where year = ${p.year} and province_code = '${p.province}'
        and prefecture_code is not null group by 1 order by 2 desc, 1`,
    },
    {
      id: "Q3b",
      label: "",
      sql: `select county_code, ${s(METRIC)} as v from ${t} where year = ${p.year} and prefecture_code = '${p.prefecture}'
        and county_code is not null group by 1 order by 2 desc, 1`,
    },
    {
      id: "Q4",
      label: "",
      sql: `select province_code, year, ${s(METRIC)} as v from ${t} group by 1, 2 order by 1, 2`,
    },
  ];
  if (withAgencyQueries) {
    qs.push(
      {
        id: "Q5",
        label: "",
        sql: `select a.name, v.report_id, ${Q5_CELLS.map((c) => `v.${COL(c)}`).join(", ")}
          from ${t} v join bench_agencies a on a.id = v.agency_id
          where v.county_code = '${p.county}' and v.year = ${p.year}
          order by v.${COL(METRIC)} desc nulls last, a.name`,
      },
      { id: "Q6", label: "", sql: `select * from ${t} where agency_id = ${p.agency} order by year` },
    );
  }
  return qs;
}

function longQueries(f: string, d: string, p: Params, sparse: boolean): QueryDef[] {
  const inList = (cells: string[]) => cells.map(K).join(", ");
  const val = sparse
    ? "coalesce(max(f.value) filter (where f.cell = %k), 0)"
    : "max(f.value) filter (where f.cell = %k)";
  return [
    {
      id: "Q1",
      label: "",
      sql: `select d.year, f.cell, sum(f.value) from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell in (${inList(Q1_CELLS)}) group by 1, 2 order by 1, 2`,
    },
    {
      id: "Q2",
      label: "",
      sql: `select d.year, f.cell, sum(f.value) from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell in (${inList(Q2_CELLS)}) and d.province_code = '${p.province}' group by 1, 2 order by 1, 2`,
    },
    {
      id: "Q3a",
      label: "",
      sql: `select d.prefecture_code, sum(f.value) as v from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell = ${K(METRIC)} and d.year = ${p.year} and d.province_code = '${p.province}'
        and d.prefecture_code is not null group by 1 order by 2 desc, 1`,
    },
    {
      id: "Q3b",
      label: "",
      sql: `select d.county_code, sum(f.value) as v from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell = ${K(METRIC)} and d.year = ${p.year} and d.prefecture_code = '${p.prefecture}'
        and d.county_code is not null group by 1 order by 2 desc, 1`,
    },
    {
      id: "Q4",
      label: "",
      sql: `select d.province_code, d.year, sum(f.value) as v from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell = ${K(METRIC)} group by 1, 2 order by 1, 2`,
    },
    {
      id: "Q5",
      label: "",
      sql: `select a.name, d.report_id, ${Q5_CELLS.map((c, i) => `${val.replace("%k", String(K(c)))} as c${i}`).join(", ")}
        from ${d} d join bench_agencies a on a.id = d.agency_id
        left join ${f} f on f.report_id = d.report_id and f.cell in (${inList(Q5_CELLS)})
        where d.county_code = '${p.county}' and d.year = ${p.year}
        group by d.report_id, a.name order by c0 desc nulls last, a.name`,
    },
    {
      id: "Q6",
      label: "",
      sql: `select d.year, d.layout, f.cell, f.value from ${d} d join ${f} f on f.report_id = d.report_id
        where d.agency_id = ${p.agency} order by d.year, f.cell`,
    },
  ];
}

// ───────────────────────── runner ─────────────────────────

type QueryResult = {
  design: string;
  id: string;
  coldMs: number;
  medianMs: number;
  warmMs: number[];
  rows: number;
  plan: string;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtBytes = (b: number) =>
  b >= 1024 ** 3
    ? `${(b / 1024 ** 3).toFixed(2)} GB`
    : b >= 1024 ** 2
      ? `${(b / 1024 ** 2).toFixed(1)} MB`
      : `${(b / 1024).toFixed(0)} kB`;
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

function planSummary(node: Record<string, unknown>, out: string[] = []): string[] {
  const type = node["Node Type"] as string;
  if (/Scan/.test(type)) {
    const rel = node["Relation Name"] ? ` on ${node["Relation Name"]}` : "";
    const idx = node["Index Name"] ? ` using ${node["Index Name"]}` : "";
    out.push(`${type}${rel}${idx}`);
  }
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) planSummary(child, out);
  return out;
}

async function main() {
  const t0 = performance.now();
  const cluster = process.env.DATABASE_URL ? attachToServer(process.env.DATABASE_URL) : startOwnCluster();
  const cleanup = () => cluster.stop();
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  process.on("SIGTERM", () => {
    cleanup();
    process.exit(143);
  });

  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
  let sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
  const results: QueryResult[] = [];
  const sizes: { table: string; rows: number; heap: number; indexes: number; total: number }[] = [];
  const ingest: { design: string; medianMs: number; perSec: number }[] = [];
  const meta: Record<string, unknown> = {};
  try {
    const statfs = cluster.pgdata ? fs.statfsSync(cluster.pgdata) : undefined;
    const freeGb = statfs ? (statfs.bavail * statfs.bsize) / 1024 ** 3 : Number.NaN;
    log(
      `reports ${N_REPORTS} (${N_AGENCIES} agencies × ${YEARS} years), small tier 1/${SMALL_EVERY}; free disk ${freeGb.toFixed(0)} GB`,
    );
    if (statfs && freeGb < 25) throw new Error(`only ${freeGb.toFixed(1)} GB free under ${os.tmpdir()}; need ~25 GB`);
    await admin.unsafe(`create database ${DB_NAME}`);
    const version = (await sql`select version() as v`)[0]!.v as string;
    const settings = await sql`select name, setting, unit from pg_settings where name in
      ('shared_buffers','work_mem','max_parallel_workers_per_gather','jit','effective_cache_size','fsync')`;
    Object.assign(meta, {
      date: new Date().toISOString(),
      version,
      settings: Object.fromEntries(settings.map((r) => [r.name, `${r.setting}${r.unit ?? ""}`])),
      host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 1024 ** 3) },
      loadavgStart: os.loadavg(),
      ownCluster: cluster.own,
    });
    const dbOid = Number((await sql`select oid from pg_database where datname = current_database()`)[0]!.oid);

    const timed = async (label: string, q: string) => {
      const s = performance.now();
      await sql.unsafe(q);
      const ms = performance.now() - s;
      loadLog.push({ label, ms });
      log(`${label}: ${(ms / 1000).toFixed(1)} s`);
      return ms;
    };

    // ── synthetic data: agencies, then reports with per-report activity scales, then a staging table of values ──
    await timed(
      "generate agencies",
      `create table bench_agencies as
      with a as (
        select a as id, ${U(901, "a")} as lu, ${U(902, "a")} as ku, ((hashint8extended(a, 7) & 2147483647) % 3000)::int as c
        from generate_series(1, ${N_AGENCIES}) a
      ), b as (
        select id, ku, case when lu < 0.015 then 1 when lu < 0.15 then 2 else 3 end as lvl,
          c, c % 340 as j, (c % 340) % 31 as pi from a
      )
      select id, '机构' || id as name, lvl,
        case when lvl = 3 then (case when ku < 0.025 then 'government' when ku < 0.25 then 'township' when ku < 0.95 then 'department' else 'other' end)
             when lvl = 2 then (case when ku < 0.02 then 'government' when ku < 0.92 then 'department' else 'other' end)
             else (case when ku < 0.03 then 'government' else 'department' end) end::varchar(16) as kind,
        ((11 + pi) || '0000')::varchar(6) as province_code,
        case when lvl >= 2 then ((11 + pi) || lpad((j / 31 + 1)::text, 2, '0') || '00') end::varchar(6) as prefecture_code,
        case when lvl = 3 then ((11 + pi) || lpad((j / 31 + 1)::text, 2, '0') || lpad((c / 340 + 1)::text, 2, '0')) end::varchar(6) as county_code
      from b`,
    );
    await sql.unsafe("alter table bench_agencies add primary key (id)");

    const kindCase = (gov: number, dept: number, town: number, other: number) =>
      `case s.agency_kind when 'government' then ${gov} when 'department' then ${dept} when 'township' then ${town} else ${other} end`;
    // Report ids follow ingest order: by year, agencies shuffled within a year.
    await timed(
      "generate reports + activity scales",
      `create unlogged table bench_reports as
      with s as (
        select (row_number() over (order by y, hashint8extended(a.id, 3)))::int as report_id, a.id as agency_id, y::smallint as year,
          (case when y <= 2020 then '2019' else '2021' end)::varchar(4) as layout,
          a.province_code, a.prefecture_code, a.county_code, a.kind as agency_kind
        from bench_agencies a cross join generate_series(2019, 2025) y
      )
      select s.*,
        case when ${U(1001)} < ${kindCase(0.02, 0.35, 0.5, 0.6)} then 0
             else ${kindCase(8, 1, 0.5, 0.5)} * exp(5 * (${U(1002)}) ^ 2)
                  * (case when ${U(1003)} < 0.003 then 30 else 1 end) * (1 + 0.05 * (s.year - 2019)) end as sa,
        case when ${U(1004)} < ${kindCase(0.5, 0.4, 0.6, 0.8)} then 0
             else ${kindCase(2, 5, 1, 1)} * exp(8 * (${U(1005)}) ^ 2) end as sp,
        case when ${U(1006)} < 0.5 then 0 else ${kindCase(3, 1, 0.3, 0.3)} * exp(3 * (${U(1007)}) ^ 2) end as sd,
        case when ${U(1008)} < 0.7 then 0 else exp(4 * (${U(1009)}) ^ 2) end as sf
      from s order by report_id`,
    );
    // Staging = what ingest hands over: one row of typed values per report (wide-shaped, unlogged).
    await sql.unsafe(wideDdl("bench_stage", "bigint").replace("create table", "create unlogged table"));
    await timed(
      "generate staging values (224 cells × reports)",
      `insert into bench_stage select ${DIM_COLS}, ${CELLS.map(
        (c, i) =>
          `case when s.layout = '2019' then ${cellExpr(c, i + 1, "2019")} else ${cellExpr(c, i + 1, "2021")} end`,
      ).join(",\n")} from bench_reports s order by report_id`,
    );

    // ── (a) wide ──
    const buildWide = async (t: string, countType: "bigint" | "integer", where: string) => {
      await sql.unsafe(wideDdl(t, countType));
      await timed(`${t}: insert`, `insert into ${t} ${wideSelect(where)}`);
      const idx = [
        `alter table ${t} add primary key (report_id)`,
        ...V1_INDEXES.map(([n, c]) => `create index ${t}_${n}_idx on ${t} ${c}`),
      ];
      await timed(`${t}: indexes (pk + 4 of schema v1)`, idx.join("; "));
    };
    // ── (b) long ──
    const buildDims = async (t: string, where: string) => {
      await sql.unsafe(`create table ${t} (${DIMS})`);
      await timed(`${t}: insert`, `insert into ${t} select ${DIM_COLS} from bench_stage ${where}`);
      const idx = [
        `alter table ${t} add primary key (report_id)`,
        ...V1_INDEXES.map(([n, c]) => `create index ${t}_${n}_idx on ${t} ${c}`),
      ];
      await timed(`${t}: indexes`, idx.join("; "));
    };
    const buildLong = async (t: string, sparse: boolean, where: string) => {
      await sql.unsafe(
        `create table ${t} (report_id integer not null, cell smallint not null, value numeric not null)`,
      );
      await timed(
        `${t}: insert`,
        `insert into ${t} select s.report_id, x.k, x.v from bench_stage s
         ${UNPIVOT} ${where ? `${where} and` : "where"} ${sparse ? "x.v <> 0" : "x.v is not null"}`,
      );
      await timed(`${t}: pk (report_id, cell)`, `alter table ${t} add primary key (report_id, cell)`);
      await timed(
        `${t}: index (cell, report_id) include (value)`,
        `create index ${t}_cell_idx on ${t} (cell, report_id) include (value)`,
      );
    };

    await buildWide("wide", "bigint", "");
    await buildDims("long_reports", "");
    await buildLong("sparse", true, "");

    // ── (c) rollup by region × year × agency kind, from the wide table ──
    const sumCols = CELLS.map((c) => `sum(${c.column})`).join(", ");
    await sql.unsafe(`create table rollup (region_code varchar(6) not null, province_code varchar(6), prefecture_code varchar(6),
      county_code varchar(6), year smallint not null, agency_kind varchar(16) not null, reports integer not null,
      ${CELLS.map((c) => `${c.column} ${c.kind === "money" ? "numeric(20,6)" : "bigint"}`).join(", ")})`);
    await timed(
      "rollup: insert (group by from wide)",
      `insert into rollup select coalesce(county_code, prefecture_code, province_code), province_code, prefecture_code, county_code,
        year, agency_kind, count(*), ${sumCols} from wide group by 1, 2, 3, 4, 5, 6`,
    );
    await timed(
      "rollup: indexes",
      `create unique index rollup_key_uq on rollup (year, region_code, agency_kind);
       create index rollup_province_idx on rollup (province_code, year);
       create index rollup_prefecture_idx on rollup (prefecture_code, year)`,
    );

    // ── small tier: dense long facts next to wide and sparse ──
    const smallWhere = `where agency_id % ${SMALL_EVERY} = 0`;
    await buildWide("wide_s", "bigint", smallWhere);
    await buildWide("wide_int4_s", "integer", smallWhere);
    await buildDims("long_reports_s", smallWhere);
    await buildLong("sparse_s", true, `where s.agency_id % ${SMALL_EVERY} = 0`);
    await buildLong("dense_s", false, `where s.agency_id % ${SMALL_EVERY} = 0`);

    const tables = [
      "wide",
      "long_reports",
      "sparse",
      "rollup",
      "wide_s",
      "wide_int4_s",
      "long_reports_s",
      "sparse_s",
      "dense_s",
      "bench_agencies",
    ];
    for (const t of tables) await timed(`vacuum analyze ${t}`, `vacuum analyze ${t}`);
    await sql.unsafe("checkpoint");

    for (const t of tables) {
      const r = (
        await sql.unsafe(`select (select count(*) from ${t})::bigint as rows, pg_table_size('${t}')::bigint as heap,
          pg_indexes_size('${t}')::bigint as indexes, pg_total_relation_size('${t}')::bigint as total`)
      )[0]!;
      sizes.push({
        table: t,
        rows: Number(r.rows),
        heap: Number(r.heap),
        indexes: Number(r.indexes),
        total: Number(r.total),
      });
    }

    const stats = (
      await sql.unsafe(`select (select count(*) from wide)::int as reports,
        (select count(*) from sparse)::float8 / (select count(*) from wide) as nonzero_per_report,
        (select count(*) from dense_s)::float8 / (select count(*) from wide_s) as present_per_report,
        (select percentile_cont(array[0.5, 0.9, 0.99]) within group (order by ${COL(METRIC)}) from wide)::text as received_p50_p90_p99,
        (select max(${COL(METRIC)}) from wide)::float8 as received_max,
        (select avg((${COL(METRIC)} = 0)::int) from wide)::float8 as received_zero_share,
        (select sum(${COL(METRIC)}) from wide)::float8 as received_sum`)
    )[0]!;
    meta.data = stats;
    log(`data: ${JSON.stringify(stats)}`);

    // ── query parameters ──
    const pickParams = async (dims: string): Promise<Params> => {
      const year = 2023;
      const top = await sql.unsafe(`select county_code, (county_code like '33%') as pref from ${dims}
          where county_code is not null and year = ${year} group by 1 order by 2 desc, count(*) desc, 1 limit 1`);
      const county = top[0]!.county_code as string;
      const province = `${county.slice(0, 2)}0000`;
      const prefecture = `${county.slice(0, 4)}00`;
      const agency = Number(
        (
          await sql.unsafe(`select agency_id from ${dims} where county_code = '${county}' and agency_kind = 'government'
            union all select agency_id from ${dims} where county_code = '${county}' limit 1`)
        )[0]!.agency_id,
      );
      return { province, prefecture, county, year, agency };
    };
    const pFull = await pickParams("long_reports");
    const pSmall = await pickParams("long_reports_s");
    meta.params = { full: pFull, small: pSmall };

    const runQueries = async (design: string, queries: QueryDef[], restart = true) => {
      for (const q of queries) {
        if (cluster.own && restart && process.env.BENCH_COLD !== "0") {
          await sql.end({ timeout: 5 });
          cluster.coldRestart(dbOid);
          sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
        }
        await sql`select 1`;
        let s = performance.now();
        const first = await sql.unsafe(q.sql);
        const coldMs = performance.now() - s;
        const warmMs: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          s = performance.now();
          await sql.unsafe(q.sql);
          warmMs.push(performance.now() - s);
        }
        const plan = (await sql.unsafe(`explain (format json) ${q.sql}`))[0]!["QUERY PLAN"] as {
          Plan: Record<string, unknown>;
        }[];
        const r: QueryResult = {
          design,
          id: q.id,
          coldMs,
          medianMs: median(warmMs),
          warmMs,
          rows: first.length,
          plan: [...new Set(planSummary(plan[0]!.Plan))].join("; "),
        };
        results.push(r);
        log(`${design} ${q.id}: cold ${fmtMs(coldMs)} ms, median ${fmtMs(r.medianMs)} ms, ${r.rows} rows — ${r.plan}`);
      }
    };

    await runQueries("wide", wideQueries("wide", pFull, true));
    await runQueries("sparse", longQueries("sparse", "long_reports", pFull, true));
    await runQueries("rollup", wideQueries("rollup", pFull, false));
    await runQueries("wide_s", wideQueries("wide_s", pSmall, true), false);
    await runQueries("sparse_s", longQueries("sparse_s", "long_reports_s", pSmall, true), false);
    await runQueries("dense_s", longQueries("dense_s", "long_reports_s", pSmall, false), false);

    // ── the index schema v1 lacks for "one province by year": (province_code, year) ──
    await timed(
      "extra index (province_code, year) on wide + long_reports",
      "create index wide_province_idx on wide (province_code, year); create index long_reports_province_idx on long_reports (province_code, year); analyze wide; analyze long_reports",
    );
    const extra = (qs: QueryDef[]) => qs.filter((q) => q.id === "Q2").map((q) => ({ ...q, id: "Q2+idx" }));
    await runQueries("wide", extra(wideQueries("wide", pFull, true)));
    await runQueries("sparse", extra(longQueries("sparse", "long_reports", pFull, true)));
    for (const t of ["wide", "long_reports"]) {
      const r = (await sql.unsafe(`select pg_relation_size('${t}_province_idx')::bigint as b`))[0]!;
      meta[`${t}_province_idx_bytes`] = Number(r.b);
    }

    // ── ingest micro-benchmark: one transaction per report, values sent from the client ──
    try {
      const src = await sql.unsafe(
        `select ${DIM_COLS}, array_to_json(array[${CELLS.map((c) => `${c.column}::numeric`).join(", ")}]) as v from bench_stage where report_id <= ${N_INGEST} order by report_id`,
      );
      for (const r of src) r.v = (r.v as (number | null)[]).map((x) => (x === null ? null : String(x)));
      const dimVals = (r: Record<string, unknown>, id: number) => [
        id,
        r.agency_id,
        r.year,
        r.layout,
        r.province_code,
        r.prefecture_code,
        r.county_code,
        r.agency_kind,
      ];
      const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(", ");
      const wideInsert = `insert into wide (${DIM_COLS}, ${CELLS.map((c) => c.column).join(", ")}) values (${placeholders(8 + CELLS.length)})`;
      const rollupUpsert = `insert into rollup (region_code, province_code, prefecture_code, county_code, year, agency_kind, reports,
        ${CELLS.map((c) => c.column).join(", ")}) values (coalesce($3, $2, $1), $1, $2, $3, $4, $5, 1, ${placeholders(CELLS.length, 6)})
      on conflict (year, region_code, agency_kind) do update set reports = rollup.reports + 1,
        ${CELLS.map((c) => `${c.column} = case when excluded.${c.column} is null then rollup.${c.column} else coalesce(rollup.${c.column}, 0) + excluded.${c.column} end`).join(", ")}`;
      const ingestBench = async (design: string, one: (r: Record<string, unknown>, id: number) => Promise<unknown>) => {
        const ms: number[] = [];
        const s0 = performance.now();
        let id = 50_000_000 + ingest.length * 100_000;
        for (const r of src) {
          const s = performance.now();
          await one(r, id++);
          ms.push(performance.now() - s);
        }
        const total = performance.now() - s0;
        ingest.push({ design, medianMs: median(ms), perSec: (src.length / total) * 1000 });
        log(
          `ingest ${design}: median ${fmtMs(median(ms))} ms/report, ${((src.length / total) * 1000).toFixed(0)} reports/s`,
        );
      };
      await ingestBench("wide (1 row)", (r, id) =>
        sql.begin((tx) => tx.unsafe(wideInsert, [...dimVals(r, id), ...(r.v as (string | null)[])] as never[])),
      );
      await ingestBench("wide + rollup upsert", (r, id) =>
        sql.begin(async (tx) => {
          await tx.unsafe(wideInsert, [...dimVals(r, id), ...(r.v as (string | null)[])] as never[]);
          await tx.unsafe(rollupUpsert, [
            r.province_code,
            r.prefecture_code,
            r.county_code,
            r.year,
            r.agency_kind,
            ...(r.v as (string | null)[]),
          ] as never[]);
        }),
      );
      const longIngest = (facts: string, dims: string, sparse: boolean) => (r: Record<string, unknown>, id: number) =>
        sql.begin(async (tx) => {
          await tx.unsafe(`insert into ${dims} (${DIM_COLS}) values (${placeholders(8)})`, dimVals(r, id) as never[]);
          const rows = (r.v as (string | null)[])
            .map((v, i) => ({ report_id: id, cell: i + 1, value: v }))
            .filter((x) => x.value !== null && (!sparse || Number(x.value) !== 0));
          if (rows.length) await tx`insert into ${tx(facts)} ${tx(rows as never, "report_id", "cell", "value")}`;
        });
      await ingestBench("sparse long (dims + ~N rows)", longIngest("sparse", "long_reports", true));
      await ingestBench("dense long (dims + ~200 rows), 100k tier", longIngest("dense_s", "long_reports_s", false));
    } catch (error) {
      console.error("ingest micro-benchmark failed:", error);
    }
    meta.loadavgEnd = os.loadavg();
    meta.elapsedMin = (performance.now() - t0) / 60000;
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
    if (process.env.BENCH_KEEP !== "1")
      await admin.unsafe(`drop database if exists ${DB_NAME}`).catch((e) => console.error(e));
    await admin.end({ timeout: 5 }).catch(() => {});
    if (process.env.BENCH_KEEP !== "1") cleanup();
  }

  // ───────────────────────── report ─────────────────────────
  const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - [...s].length));
  const lpad = (s: string, n: number) => " ".repeat(Math.max(0, n - [...s].length)) + s;
  console.log("\n══ Machine / settings ══");
  console.log(JSON.stringify(meta, null, 1));
  console.log("\n══ Load (bulk INSERT … SELECT from the unlogged staging table; s) ══");
  for (const l of loadLog) console.log(`${pad(l.label, 64)} ${lpad((l.ms / 1000).toFixed(1), 8)}`);
  console.log("\n══ Sizes on disk ══");
  console.log(
    `${pad("table", 18)}${lpad("rows", 13)}${lpad("heap+toast", 12)}${lpad("indexes", 12)}${lpad("total", 12)}`,
  );
  for (const s of sizes)
    console.log(
      `${pad(s.table, 18)}${lpad(String(s.rows), 13)}${lpad(fmtBytes(s.heap), 12)}${lpad(fmtBytes(s.indexes), 12)}${lpad(fmtBytes(s.total), 12)}`,
    );
  const designs = [...new Set(results.map((r) => r.design))];
  const ids = [...new Set(results.map((r) => r.id))];
  console.log(`\n══ Queries: median of ${RUNS} warm runs / cold first run (ms) ══`);
  console.log(pad("query", 10) + designs.map((d) => lpad(d, 20)).join(""));
  for (const id of ids) {
    const cells = designs.map((d) => {
      const r = results.find((x) => x.design === d && x.id === id);
      return lpad(r ? `${fmtMs(r.medianMs)} / ${fmtMs(r.coldMs)}` : "—", 20);
    });
    console.log(pad(id, 10) + cells.join(""));
  }
  for (const id of ids)
    console.log(
      `  ${id}: ${QUERY_LABELS[id.replace("+idx", "")] ?? ""}${id.endsWith("+idx") ? " (with (province_code, year) index)" : ""}`,
    );
  console.log("\n══ Plans ══");
  for (const r of results) console.log(`${pad(r.design, 10)} ${pad(r.id, 7)} ${r.plan}`);
  console.log("\n══ Ingest, one transaction per report ══");
  for (const i of ingest)
    console.log(
      `${pad(i.design, 44)} median ${lpad(fmtMs(i.medianMs), 7)} ms   ${lpad(i.perSec.toFixed(0), 6)} reports/s`,
    );
  if (process.env.BENCH_JSON)
    fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ meta, load: loadLog, sizes, results, ingest }, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
