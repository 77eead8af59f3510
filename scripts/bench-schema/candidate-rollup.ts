import { CELLS } from "@/db/cells";
import { type BenchContext, runTimed } from "./context";

/** Candidate (c): one row per (agency's own region, year, agency kind) with the sums of every cell, from `wide`. */
export async function buildRollup(ctx: BenchContext): Promise<void> {
  const sumCols = CELLS.map((c) => `sum(${c.column})`).join(", ");
  await ctx.sql.unsafe(`create table rollup (region_code varchar(6) not null, province_code varchar(6), prefecture_code varchar(6),
      county_code varchar(6), year smallint not null, agency_kind varchar(16) not null, reports integer not null,
      ${CELLS.map((c) => `${c.column} ${c.kind === "money" ? "numeric(20,6)" : "bigint"}`).join(", ")})`);
  await runTimed(
    ctx,
    "rollup: insert (group by from wide)",
    `insert into rollup select coalesce(county_code, prefecture_code, province_code), province_code, prefecture_code, county_code,
        year, agency_kind, count(*), ${sumCols} from wide group by 1, 2, 3, 4, 5, 6`,
  );
  await runTimed(
    ctx,
    "rollup: indexes",
    `create unique index rollup_key_uq on rollup (year, region_code, agency_kind);
       create index rollup_province_idx on rollup (province_code, year);
       create index rollup_prefecture_idx on rollup (prefecture_code, year)`,
  );
}
