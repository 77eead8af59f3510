import { cellColumn } from "./cells";
import { type BenchContext, runTimed } from "./context";
import { createV1IndexesSql, createWideTableDdl } from "./dimensions";
import { AGENCY_TABLE_CELLS, METRIC, OUTCOME_METRICS, type QueryDef, type QueryParams, TREND_CELLS } from "./query-set";

/** Candidate (a): schema v1 `report_values`, one typed column per cell, loaded from the staging rows `where`. */
export async function buildWide(
  ctx: BenchContext,
  table: string,
  countType: "bigint" | "integer",
  where: string,
): Promise<void> {
  await ctx.sql.unsafe(createWideTableDdl(table, countType));
  await runTimed(ctx, `${table}: insert`, `insert into ${table} select * from bench_stage ${where}`);
  await runTimed(ctx, `${table}: indexes (pk + 4 of schema v1)`, createV1IndexesSql(table));
}

/** The dashboard queries on a wide table (or the rollup, which has the same cell columns: no agency queries). */
export function listWideQueries(t: string, p: QueryParams, withAgencyQueries: boolean): QueryDef[] {
  const s = (c: string) => `coalesce(sum(${cellColumn(c)}), 0)`;
  const qs: QueryDef[] = [
    { id: "Q1", sql: `select year, ${TREND_CELLS.map(s).join(", ")} from ${t} group by year order by year` },
    {
      id: "Q2",
      sql: `select year, ${OUTCOME_METRICS.map(([name, rows]) => `${rows.map((r) => s(`applications.${r}.total`)).join(" + ")} as ${name}`).join(", ")}
        from ${t} where province_code = '${p.province}' group by year order by year`,
    },
    {
      id: "Q3a",
      sql: `select prefecture_code, ${s(METRIC)} as v from ${t} where year = ${p.year} and province_code = '${p.province}'
        and prefecture_code is not null group by 1 order by 2 desc, 1`,
    },
    {
      id: "Q3b",
      sql: `select county_code, ${s(METRIC)} as v from ${t} where year = ${p.year} and prefecture_code = '${p.prefecture}'
        and county_code is not null group by 1 order by 2 desc, 1`,
    },
    { id: "Q4", sql: `select province_code, year, ${s(METRIC)} as v from ${t} group by 1, 2 order by 1, 2` },
  ];
  if (withAgencyQueries) {
    qs.push(
      {
        id: "Q5",
        sql: `select a.name, v.report_id, ${AGENCY_TABLE_CELLS.map((c) => `v.${cellColumn(c)}`).join(", ")}
          from ${t} v join bench_agencies a on a.id = v.agency_id
          where v.county_code = '${p.county}' and v.year = ${p.year}
          order by v.${cellColumn(METRIC)} desc nulls last, a.name`,
      },
      { id: "Q6", sql: `select * from ${t} where agency_id = ${p.agency} order by year` },
    );
  }
  return qs;
}
