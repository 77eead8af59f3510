import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { CELL_BY_PATH, cellColumn } from "@/db/cells";
import { ROLLUP_METRICS } from "@/db/rollup-columns";
import { reportRollups } from "@/db/schema";
import { getMetric } from "@/lib/metrics";

/**
 * Per-report value of a metric part for aggregation: the sum of the printed cells in exact arithmetic (int8 for
 * counts, numeric for money), null when none is printed. Sums stay exact, so Σ over rollup groups = Σ over reports.
 */
export function buildExactCellSum(paths: readonly string[]): SQL {
  const money = paths.some((p) => CELL_BY_PATH.get(p)?.kind === "money");
  const columns = paths.map((p) => (money ? sql`${cellColumn(p)}::numeric` : sql`${cellColumn(p)}::int8`));
  if (columns.length === 1) return columns[0];
  const allNull = sql.join(
    columns.map((c) => sql`${c} is null`),
    sql` and `,
  );
  const sum = sql.join(
    columns.map((c) => sql`coalesce(${c}, 0)`),
    sql` + `,
  );
  return sql`(case when ${allNull} then null else ${sum} end)`;
}

const ownRegion = sql`coalesce(report_values.county_code, report_values.prefecture_code, report_values.province_code, '')`;

/** A `report_values` row's rollup group (region, year, kind) as SQL, matching `report_values_group_idx`. */
export const ROLLUP_GROUP_KEY = sql`(${ownRegion}, report_values.year, report_values.agency_kind)`;

function metricParts(): { columns: string[]; selects: SQL[] } {
  const columns: string[] = [];
  const selects: SQL[] = [];
  for (const m of ROLLUP_METRICS) {
    const def = getMetric(m.metricId);
    if (def.source !== "cells") continue;
    const num = buildExactCellSum(def.numerator);
    if (!def.denominator || !m.den) {
      columns.push(m.num, m.n);
      selects.push(sql`sum(${num})`, sql`count(${num})::int`);
      continue;
    }
    const den = buildExactCellSum(def.denominator);
    const both = sql`${num} is not null and ${den} is not null`;
    columns.push(m.num, m.den, m.n);
    selects.push(
      sql`sum(${num}) filter (where ${both})`,
      sql`sum(${den}) filter (where ${both})`,
      sql`count(*) filter (where ${both})::int`,
    );
  }
  return { columns, selects };
}

/** `insert into report_rollups … select … group by` over the `report_values` rows matching `where`. */
export function buildRollupInsert(where: SQL): SQL {
  const parts = metricParts();
  const columns = [
    "year",
    "agency_kind",
    "region_code",
    "layout",
    "province_code",
    "prefecture_code",
    "county_code",
    "reports",
    "timed",
    "on_time",
    "checks_passed",
    "issues",
    "leavers",
    ...parts.columns,
  ];
  // report_values holds current reports only, one per agency-year: the left join never multiplies rows.
  return sql`insert into ${reportRollups} (${sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  )})
    select report_values.year, report_values.agency_kind, ${ownRegion}, report_values.layout,
      report_values.province_code, report_values.prefecture_code, report_values.county_code,
      count(*)::int,
      count(*) filter (where r.published_at is not null and r.deadline is not null)::int,
      count(*) filter (where r.published_at <= r.deadline)::int,
      count(*) filter (where r.checks_passed)::int,
      coalesce(sum(r.issue_count), 0),
      count(*) filter (where nx.report_id is null)::int,
      ${sql.join(parts.selects, sql`, `)}
    from report_values
      join reports r on r.id = report_values.report_id
      left join report_values nx on nx.agency_id = report_values.agency_id and nx.year = report_values.year + 1
    where ${where}
    group by report_values.year, report_values.agency_kind, report_values.layout,
      report_values.province_code, report_values.prefecture_code, report_values.county_code`;
}

const PROVINCE_KEY = ["year", "agency_kind", "province_code", "layout"];
const PROVINCE_COUNTS = ["reports", "timed", "on_time", "checks_passed", "issues", "leavers"];

/**
 * Adds (sign 1) or subtracts (sign −1) the `report_rollups` rows matching `where` to/from their province rows:
 * commutative, so concurrent writers of one province need no lock beyond the row lock of the upsert.
 */
export function buildProvinceDelta(sign: 1 | -1, where: SQL): SQL {
  const sums = [...PROVINCE_COUNTS, ...ROLLUP_METRICS.flatMap((m) => [m.num, ...(m.den ? [m.den] : []), m.n])];
  const id = (c: string) => sql.identifier(c);
  return sql`insert into report_rollups_province (${sql.join([...PROVINCE_KEY, ...sums].map(id), sql`, `)})
    select ${sql.join(PROVINCE_KEY.map(id), sql`, `)},
      ${sql.join(
        sums.map((c) => sql`${sql.raw(String(sign))} * coalesce(sum(${id(c)}), 0)`),
        sql`, `,
      )}
    from report_rollups where ${where}
    group by ${sql.join(PROVINCE_KEY.map(id), sql`, `)}
    order by ${sql.join(PROVINCE_KEY.map(id), sql`, `)}
    on conflict on constraint report_rollups_province_key_uq do update set
      ${sql.join(
        sums.map((c) => sql`${id(c)} = report_rollups_province.${id(c)} + excluded.${id(c)}`),
        sql`, `,
      )}`;
}

/** Sets `report_values.next_missing` (no current report of the agency the next year) on the rows matching `where`. */
export function buildNextMissingUpdate(where: SQL): SQL {
  const missing = sql`(not exists (select 1 from report_values nx
    where nx.agency_id = report_values.agency_id and nx.year = report_values.year + 1))`;
  return sql`update report_values set next_missing = ${missing}
    where ${where} and next_missing is distinct from ${missing}`;
}
