import type postgres from "postgres";
import type { BenchServer } from "./bench-server";
import type { BenchConfig } from "./config";

export type Timed = { label: string; ms: number };

/** What every step shares: the connection (replaced after a cold restart), the server and the load timings. */
export type BenchContext = {
  sql: postgres.Sql;
  config: BenchConfig;
  server: BenchServer;
  dbOid: number;
  loadLog: Timed[];
};

export const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Runs one statement (or several, `;`-separated), logs and records its time. */
export async function runTimed(ctx: BenchContext, label: string, query: string): Promise<number> {
  const start = performance.now();
  await ctx.sql.unsafe(query);
  const ms = performance.now() - start;
  ctx.loadLog.push({ label, ms });
  log(`${label}: ${(ms / 1000).toFixed(1)} s`);
  return ms;
}
