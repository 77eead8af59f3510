import { CELLS } from "@/db/cells";
import { sqlCellValue, sqlUniform } from "./cell-distributions";
import { type BenchContext, runTimed } from "./context";
import { createWideTableDdl, DIMENSION_COLUMNS } from "./dimensions";

/** SQL: a value per agency kind of the report `s`. */
const byKind = (gov: number, dept: number, town: number, other: number) =>
  `case s.agency_kind when 'government' then ${gov} when 'department' then ${dept} when 'township' then ${town} else ${other} end`;

/**
 * The synthetic data, in SQL and deterministic: bench_agencies (31 provinces, 340 prefectures, 3,000 counties),
 * bench_reports (every agency × 7 years, with activity scales) and bench_stage, one wide row of values per report.
 */
export async function generateData(ctx: BenchContext): Promise<void> {
  const { agencies } = ctx.config;
  await runTimed(
    ctx,
    "generate agencies",
    `create table bench_agencies as
      with a as (
        select a as id, ${sqlUniform(901, "a")} as lu, ${sqlUniform(902, "a")} as ku, ((hashint8extended(a, 7) & 2147483647) % 3000)::int as c
        from generate_series(1, ${agencies}) a
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
  await ctx.sql.unsafe("alter table bench_agencies add primary key (id)");

  // Report ids follow ingest order: by year, agencies shuffled within a year.
  await runTimed(
    ctx,
    "generate reports + activity scales",
    `create unlogged table bench_reports as
      with s as (
        select (row_number() over (order by y, hashint8extended(a.id, 3)))::int as report_id, a.id as agency_id, y::smallint as year,
          (case when y <= 2020 then '2019' else '2021' end)::varchar(4) as layout,
          a.province_code, a.prefecture_code, a.county_code, a.kind as agency_kind
        from bench_agencies a cross join generate_series(2019, 2025) y
      )
      select s.*,
        case when ${sqlUniform(1001)} < ${byKind(0.02, 0.35, 0.5, 0.6)} then 0
             else ${byKind(8, 1, 0.5, 0.5)} * exp(5 * (${sqlUniform(1002)}) ^ 2)
                  * (case when ${sqlUniform(1003)} < 0.003 then 30 else 1 end) * (1 + 0.05 * (s.year - 2019)) end as sa,
        case when ${sqlUniform(1004)} < ${byKind(0.5, 0.4, 0.6, 0.8)} then 0
             else ${byKind(2, 5, 1, 1)} * exp(8 * (${sqlUniform(1005)}) ^ 2) end as sp,
        case when ${sqlUniform(1006)} < 0.5 then 0 else ${byKind(3, 1, 0.3, 0.3)} * exp(3 * (${sqlUniform(1007)}) ^ 2) end as sd,
        case when ${sqlUniform(1008)} < 0.7 then 0 else exp(4 * (${sqlUniform(1009)}) ^ 2) end as sf
      from s order by report_id`,
  );
  // Staging = what ingest hands over: one row of typed values per report (wide, unlogged).
  await ctx.sql.unsafe(createWideTableDdl("bench_stage", "bigint").replace("create table", "create unlogged table"));
  await runTimed(
    ctx,
    "generate staging values (224 cells × reports)",
    `insert into bench_stage select ${DIMENSION_COLUMNS}, ${CELLS.map(
      (c, i) =>
        `case when s.layout = '2019' then ${sqlCellValue(c, i + 1, "2019")} else ${sqlCellValue(c, i + 1, "2021")} end`,
    ).join(",\n")} from bench_reports s order by report_id`,
  );
}
