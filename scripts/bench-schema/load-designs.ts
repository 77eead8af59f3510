import { buildLongFacts, buildLongReports } from "./candidate-long";
import { buildRollup } from "./candidate-rollup";
import { buildWide } from "./candidate-wide";
import { type BenchContext, runTimed } from "./context";

/**
 * Every candidate from the staging table: the full tier (wide, sparse long, rollup) and the small tier, where dense
 * long facts are measured next to wide (bigint and int4) and sparse. Returns the tables, vacuumed and analysed.
 */
export async function loadDesigns(ctx: BenchContext): Promise<string[]> {
  await buildWide(ctx, "wide", "bigint", "");
  await buildLongReports(ctx, "long_reports", "");
  await buildLongFacts(ctx, "sparse", true, "");
  await buildRollup(ctx);

  const smallWhere = `where agency_id % ${ctx.config.smallEvery} = 0`;
  await buildWide(ctx, "wide_s", "bigint", smallWhere);
  await buildWide(ctx, "wide_int4_s", "integer", smallWhere);
  await buildLongReports(ctx, "long_reports_s", smallWhere);
  await buildLongFacts(ctx, "sparse_s", true, `where s.agency_id % ${ctx.config.smallEvery} = 0`);
  await buildLongFacts(ctx, "dense_s", false, `where s.agency_id % ${ctx.config.smallEvery} = 0`);

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
  for (const t of tables) await runTimed(ctx, `vacuum analyze ${t}`, `vacuum analyze ${t}`);
  await ctx.sql.unsafe("checkpoint");
  return tables;
}
