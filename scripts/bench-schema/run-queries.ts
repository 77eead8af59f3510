import postgres from "postgres";
import { type BenchContext, log } from "./context";
import { formatMs, median } from "./figures";
import type { QueryDef } from "./query-set";

export type QueryResult = {
  design: string;
  id: string;
  coldMs: number;
  medianMs: number;
  warmMs: number[];
  rows: number;
  plan: string;
};

/** The scans of a plan, e.g. "Index Scan on wide using wide_county_idx". */
function summarisePlan(node: Record<string, unknown>, out: string[] = []): string[] {
  const type = node["Node Type"] as string;
  if (/Scan/.test(type)) {
    const rel = node["Relation Name"] ? ` on ${node["Relation Name"]}` : "";
    const idx = node["Index Name"] ? ` using ${node["Index Name"]}` : "";
    out.push(`${type}${rel}${idx}`);
  }
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) summarisePlan(child, out);
  return out;
}

/**
 * Each query once cold (after a server restart with this database evicted from the page cache, when `restart` and
 * the cluster is our own) and then `warmRuns` times, with its plan.
 */
export async function runQueries(
  ctx: BenchContext,
  design: string,
  queries: QueryDef[],
  restart = true,
): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const q of queries) {
    if (ctx.server.own && restart && ctx.config.cold) {
      await ctx.sql.end({ timeout: 5 });
      ctx.server.restartCold(ctx.dbOid);
      ctx.sql = postgres(ctx.server.url, { max: 1, onnotice: () => {} });
    }
    await ctx.sql`select 1`;
    let s = performance.now();
    const first = await ctx.sql.unsafe(q.sql);
    const coldMs = performance.now() - s;
    const warmMs: number[] = [];
    for (let i = 0; i < ctx.config.warmRuns; i++) {
      s = performance.now();
      await ctx.sql.unsafe(q.sql);
      warmMs.push(performance.now() - s);
    }
    const plan = (await ctx.sql.unsafe(`explain (format json) ${q.sql}`))[0]!["QUERY PLAN"] as {
      Plan: Record<string, unknown>;
    }[];
    const r: QueryResult = {
      design,
      id: q.id,
      coldMs,
      medianMs: median(warmMs),
      warmMs,
      rows: first.length,
      plan: [...new Set(summarisePlan(plan[0]!.Plan))].join("; "),
    };
    results.push(r);
    log(
      `${design} ${q.id}: cold ${formatMs(coldMs)} ms, median ${formatMs(r.medianMs)} ms, ${r.rows} rows — ${r.plan}`,
    );
  }
  return results;
}
