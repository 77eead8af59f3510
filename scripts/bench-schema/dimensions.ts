import { CELLS } from "@/db/cells";

/** Report dimensions, denormalised as in schema v1 `report_values`. */
export const DIMENSIONS_DDL = `report_id integer not null, agency_id integer not null, year smallint not null, layout varchar(4),
  province_code varchar(6), prefecture_code varchar(6), county_code varchar(6), agency_kind varchar(16) not null`;
export const DIMENSION_COLUMNS =
  "report_id, agency_id, year, layout, province_code, prefecture_code, county_code, agency_kind";

/** Secondary indexes of schema v1 `report_values` (db/schema.ts), same set on the long designs' report table. */
export const V1_INDEXES = [
  ["year_province", "(year, province_code)"],
  ["prefecture", "(prefecture_code, year)"],
  ["county", "(county_code, year)"],
  ["agency", "(agency_id, year)"],
] as const;

/** A wide table: the dimensions and one typed column per cell (counts `countType`, money numeric). */
export function createWideTableDdl(table: string, countType: "bigint" | "integer"): string {
  const cols = CELLS.map((c) => `${c.column} ${c.kind === "money" ? "numeric(20,6)" : countType}`).join(",\n  ");
  return `create table ${table} (${DIMENSIONS_DDL},\n  ${cols})`;
}

/** The primary key and schema v1's indexes on a table holding the dimensions. */
export function createV1IndexesSql(table: string): string {
  return [
    `alter table ${table} add primary key (report_id)`,
    ...V1_INDEXES.map(([name, columns]) => `create index ${table}_${name}_idx on ${table} ${columns}`),
  ].join("; ");
}
