import { cellColumn } from "./cells";
import type { BenchContext } from "./context";
import { METRIC } from "./query-set";

export type TableSize = { table: string; rows: number; heap: number; indexes: number; total: number };

/** Rows and bytes on disk (heap with TOAST, indexes, total) of each table. */
export async function measureSizes(ctx: BenchContext, tables: string[]): Promise<TableSize[]> {
  const sizes: TableSize[] = [];
  for (const t of tables) {
    const r = (
      await ctx.sql.unsafe(`select (select count(*) from ${t})::bigint as rows, pg_table_size('${t}')::bigint as heap,
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
  return sizes;
}

/** What the generated data look like: cells per report, zeros, the spread of the main metric. */
export async function describeData(ctx: BenchContext): Promise<Record<string, unknown>> {
  const metric = cellColumn(METRIC);
  return (
    await ctx.sql.unsafe(`select (select count(*) from wide)::int as reports,
        (select count(*) from sparse)::float8 / (select count(*) from wide) as nonzero_per_report,
        (select count(*) from dense_s)::float8 / (select count(*) from wide_s) as present_per_report,
        (select percentile_cont(array[0.5, 0.9, 0.99]) within group (order by ${metric}) from wide)::text as received_p50_p90_p99,
        (select max(${metric}) from wide)::float8 as received_max,
        (select avg((${metric} = 0)::int) from wide)::float8 as received_zero_share,
        (select sum(${metric}) from wide)::float8 as received_sum`)
  )[0]!;
}
