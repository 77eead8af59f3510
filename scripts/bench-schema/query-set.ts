import type postgres from "postgres";
import { APPLICATION_ROWS } from "@/lib/report/schema";

/** One dashboard query in one design's SQL. */
export type QueryDef = { id: string; sql: string };
/** The regions, year and agency the queries ask about, picked from the data. */
export type QueryParams = { province: string; prefecture: string; county: string; year: number; agency: number };

export const QUERY_LABELS: Record<string, string> = {
  Q1: "national trend: received × 7 columns by year",
  Q2: "province trend: 10 outcome metrics (25 cells) by year",
  Q3a: "children: 1 metric by prefecture, 1 province-year",
  Q3b: "children: 1 metric by county, 1 prefecture-year",
  Q4: "heatmap: 1 metric by province × year",
  Q5: "agency table: 12 cells per agency, 1 county-year, sorted",
  Q6: "agency page: all cells, all years of 1 agency",
};

const rowsStartingWith = (prefix: string) => Object.keys(APPLICATION_ROWS).filter((r) => r.startsWith(prefix));

export const TREND_CELLS = ["natural", "commercial", "research", "nonprofit", "legal", "otherOrg", "total"].map(
  (c) => `applications.received.${c}`,
);
export const OUTCOME_METRICS: [string, string[]][] = [
  ["received", ["received"]],
  ["carriedOver", ["carriedOver"]],
  ["granted", ["granted"]],
  ["partial", ["partial"]],
  ["denied", rowsStartingWith("denied")],
  ["unable", rowsStartingWith("unable")],
  ["notHandled", rowsStartingWith("notHandled")],
  ["other", rowsStartingWith("other")],
  ["processedTotal", ["processedTotal"]],
  ["carriedForward", ["carriedForward"]],
];
export const OUTCOME_CELLS = OUTCOME_METRICS.flatMap(([, rows]) => rows.map((r) => `applications.${r}.total`));
/** The one metric of Q3a, Q3b, Q4 and Q5's sort. */
export const METRIC = "applications.received.total";
export const AGENCY_TABLE_CELLS = [
  "applications.received.total",
  "applications.received.natural",
  "applications.carriedOver.total",
  "applications.granted.total",
  "applications.partial.total",
  "applications.unableNotHeld.total",
  "applications.processedTotal.total",
  "applications.carriedForward.total",
  "review.total",
  "litigationDirect.total",
  "litigationAfterReview.total",
  "active.penalty.decisions",
];

/** The busiest county of 2023 (preferring 浙江 33xx), its prefecture and province, and one of its agencies. */
export async function pickQueryParams(sql: postgres.Sql, dims: string): Promise<QueryParams> {
  const year = 2023;
  const top = await sql.unsafe(`select county_code, (county_code like '33%') as pref from ${dims}
          where county_code is not null and year = ${year} group by 1 order by 2 desc, count(*) desc, 1 limit 1`);
  const county = top[0]!.county_code as string;
  const province = `${county.slice(0, 2)}0000`;
  const prefecture = `${county.slice(0, 4)}00`;
  const agency = Number(
    (
      await sql.unsafe(`select agency_id from ${dims} where county_code = '${county}' and agency_kind = 'government'
            union all select agency_id from ${dims} where county_code = '${county}' limit 1`)
    )[0]!.agency_id,
  );
  return { province, prefecture, county, year, agency };
}
