import { CELLS } from "@/db/cells";
import { cellNumber } from "./cells";
import { type BenchContext, runTimed } from "./context";
import { createV1IndexesSql, DIMENSION_COLUMNS, DIMENSIONS_DDL } from "./dimensions";
import { AGENCY_TABLE_CELLS, METRIC, OUTCOME_CELLS, type QueryDef, type QueryParams, TREND_CELLS } from "./query-set";

/** Unpivot of a staging row into (cell, value) pairs. */
const UNPIVOT = `cross join lateral (values ${CELLS.map((c, i) => `(${i + 1}::smallint, s.${c.column}::numeric)`).join(", ")}) as x(k, v)`;

/** The long designs' narrow report table: the dimensions with schema v1's indexes. */
export async function buildLongReports(ctx: BenchContext, table: string, where: string): Promise<void> {
  await ctx.sql.unsafe(`create table ${table} (${DIMENSIONS_DDL})`);
  await runTimed(ctx, `${table}: insert`, `insert into ${table} select ${DIMENSION_COLUMNS} from bench_stage ${where}`);
  await runTimed(ctx, `${table}: indexes`, createV1IndexesSql(table));
}

/** Candidate (b): (report_id, cell, value) facts, non-zero cells only (sparse) or every cell of the layout (dense). */
export async function buildLongFacts(ctx: BenchContext, table: string, sparse: boolean, where: string): Promise<void> {
  await ctx.sql.unsafe(
    `create table ${table} (report_id integer not null, cell smallint not null, value numeric not null)`,
  );
  await runTimed(
    ctx,
    `${table}: insert`,
    `insert into ${table} select s.report_id, x.k, x.v from bench_stage s
         ${UNPIVOT} ${where ? `${where} and` : "where"} ${sparse ? "x.v <> 0" : "x.v is not null"}`,
  );
  await runTimed(ctx, `${table}: pk (report_id, cell)`, `alter table ${table} add primary key (report_id, cell)`);
  await runTimed(
    ctx,
    `${table}: index (cell, report_id) include (value)`,
    `create index ${table}_cell_idx on ${table} (cell, report_id) include (value)`,
  );
}

/** The dashboard queries on facts `f` and their report table `d`; sparse facts read a missing cell as 0. */
export function listLongQueries(f: string, d: string, p: QueryParams, sparse: boolean): QueryDef[] {
  const inList = (cells: string[]) => cells.map(cellNumber).join(", ");
  const val = sparse
    ? "coalesce(max(f.value) filter (where f.cell = %k), 0)"
    : "max(f.value) filter (where f.cell = %k)";
  return [
    {
      id: "Q1",
      sql: `select d.year, f.cell, sum(f.value) from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell in (${inList(TREND_CELLS)}) group by 1, 2 order by 1, 2`,
    },
    {
      id: "Q2",
      sql: `select d.year, f.cell, sum(f.value) from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell in (${inList(OUTCOME_CELLS)}) and d.province_code = '${p.province}' group by 1, 2 order by 1, 2`,
    },
    {
      id: "Q3a",
      sql: `select d.prefecture_code, sum(f.value) as v from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell = ${cellNumber(METRIC)} and d.year = ${p.year} and d.province_code = '${p.province}'
        and d.prefecture_code is not null group by 1 order by 2 desc, 1`,
    },
    {
      id: "Q3b",
      sql: `select d.county_code, sum(f.value) as v from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell = ${cellNumber(METRIC)} and d.year = ${p.year} and d.prefecture_code = '${p.prefecture}'
        and d.county_code is not null group by 1 order by 2 desc, 1`,
    },
    {
      id: "Q4",
      sql: `select d.province_code, d.year, sum(f.value) as v from ${f} f join ${d} d on d.report_id = f.report_id
        where f.cell = ${cellNumber(METRIC)} group by 1, 2 order by 1, 2`,
    },
    {
      id: "Q5",
      sql: `select a.name, d.report_id, ${AGENCY_TABLE_CELLS.map((c, i) => `${val.replace("%k", String(cellNumber(c)))} as c${i}`).join(", ")}
        from ${d} d join bench_agencies a on a.id = d.agency_id
        left join ${f} f on f.report_id = d.report_id and f.cell in (${inList(AGENCY_TABLE_CELLS)})
        where d.county_code = '${p.county}' and d.year = ${p.year}
        group by d.report_id, a.name order by c0 desc nulls last, a.name`,
    },
    {
      id: "Q6",
      sql: `select d.year, d.layout, f.cell, f.value from ${d} d join ${f} f on f.report_id = d.report_id
        where d.agency_id = ${p.agency} order by d.year, f.cell`,
    },
  ];
}
