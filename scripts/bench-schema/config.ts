/** Benchmark sizes, from the environment (see --help). */
export type BenchConfig = {
  reports: number;
  /** The tier where dense long facts are measured next to wide and sparse. */
  smallReports: number;
  warmRuns: number;
  /** Reports per ingest micro-benchmark. */
  ingestReports: number;
  years: number;
  agencies: number;
  /** The small tier is the agencies whose id is a multiple of this. */
  smallEvery: number;
  /** Restart the server and evict the page cache before each query's first run (own cluster, full tier). */
  cold: boolean;
  keep: boolean;
  jsonPath: string | undefined;
  port: number | undefined;
  dbName: string;
};

export const USAGE = `npm run bench:schema [-- --help]
  Storage-design benchmark for the fact tables (docs/schema-decision.md): wide typed columns, long facts (sparse and
  dense) and a region × year × agency-kind rollup, on synthetic data generated in SQL.
  Runs on its own throwaway PostgreSQL cluster, or on a scratch database of DATABASE_URL's server.
Environment:
  BENCH_REPORTS=N        reports in the full tier (default 1000000; ~25 GB of disk per million)
  BENCH_SMALL_REPORTS=N  reports in the small tier, where dense long facts are measured too (default 100000)
  BENCH_RUNS=N           warm runs per query (default 5)
  BENCH_INGEST=N         reports per ingest micro-benchmark (default 300)
  BENCH_COLD=0           no server restart and page-cache eviction before each full-tier query
  BENCH_PGPORT=P         port of the own cluster (default: a free one)
  BENCH_JSON=FILE        also write every figure to FILE
  BENCH_KEEP=1           keep the scratch database (and the own cluster running)
Smallest run: BENCH_REPORTS=700 BENCH_SMALL_REPORTS=70 BENCH_RUNS=1 BENCH_INGEST=5 BENCH_COLD=0 npm run bench:schema`;

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const reports = Number(env.BENCH_REPORTS ?? 1_000_000);
  const smallReports = Number(env.BENCH_SMALL_REPORTS ?? 100_000);
  const years = 7;
  return {
    reports,
    smallReports,
    warmRuns: Number(env.BENCH_RUNS ?? 5),
    ingestReports: Number(env.BENCH_INGEST ?? 300),
    years,
    agencies: Math.floor(reports / years),
    smallEvery: Math.max(1, Math.round(reports / smallReports)),
    cold: env.BENCH_COLD !== "0",
    keep: env.BENCH_KEEP === "1",
    jsonPath: env.BENCH_JSON,
    port: env.BENCH_PGPORT ? Number(env.BENCH_PGPORT) : undefined,
    dbName: `ogi_bench_${process.pid}`,
  };
}
