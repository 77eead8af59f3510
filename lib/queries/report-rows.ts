import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reportRollups, reportRollupsProvince, reports, reportValues } from "@/db/schema";
import type { Scope } from "@/lib/auth/scope";
import { selectRows } from "@/lib/db/rows";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import { type CellMetric, daysLate, getMetric } from "@/lib/metrics";
import { describeRegion } from "@/lib/regions";
import { buildExactCellSum } from "@/lib/rollups/rollup-sql";
import { buildEligibility } from "./aggregate-metrics";
import { buildFilterCondition, childGrouping, servedByProvinceRollup } from "./region-scope";

const rv = reportValues;

export type ReportRow = {
  reportId: number;
  agencyId: number;
  agency: string;
  regionCode: string | null;
  region: string;
  kind: string;
  year: number;
  layout: string | null;
  publishedAt: string | null;
  deadline: string | null;
  daysLate: number | null;
  checksPassed: boolean;
  issueCount: number;
  errorCount: number;
  /** Per-report metric values: a sum metric's cells, a ratio metric's own ratio (null when n/a or 0 / 0). */
  values: Record<string, number | null>;
};

export type ReportRowsOptions = {
  metricIds: readonly string[];
  year?: number;
  /** A child group of the filter's region (region code, or agency id below county level). */
  group?: string;
  /** Only the late reports, or only those failing the arithmetic (勾稽) checks: the reports behind a quality figure. */
  only?: "late" | "failing";
  limit: number;
};

function perReportValue(metric: CellMetric): SQL {
  const num = sql`(${buildExactCellSum(metric.numerator)})::float8`;
  const eligible = buildEligibility(metric);
  if (!metric.denominator) return sql`case when ${eligible} then ${num} end`;
  const den = sql`(${buildExactCellSum(metric.denominator)})::float8`;
  return sql`case when ${eligible} and ${den} <> 0 then ${num} / ${den} end`;
}

const toIsoDate = (v: unknown): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

/** The agency-year reports behind a number, each with the metric values it contributes. */
export async function listReportRows(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  options: ReportRowsOptions,
): Promise<{ rows: ReportRow[]; truncated: boolean }> {
  const metrics = options.metricIds.map(getMetric).filter((m): m is CellMetric => m.source === "cells");
  const conditions: SQL[] = [buildFilterCondition(filter, scope)];
  if (options.year) conditions.push(sql`${rv.year} = ${options.year}`);
  if (options.group) conditions.push(sql`${childGrouping(filter.region).expr} = ${options.group}`);
  if (options.only === "late") conditions.push(sql`${reports.publishedAt} > ${reports.deadline}`);
  if (options.only === "failing") conditions.push(sql`not ${reports.checksPassed}`);
  const valueColumns = metrics.map((m, i) => sql`, ${perReportValue(m)}::float8 as ${sql.identifier(`v${i}`)}`);
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`select ${rv.reportId} as report_id, ${rv.agencyId} as agency_id, ${agencies.name} as agency,
          ${agencies.regionCode} as region_code, ${rv.agencyKind} as kind, ${rv.year} as year, ${rv.layout} as layout,
          ${reports.publishedAt}::text as published_at, ${reports.deadline}::text as deadline,
          ${reports.checksPassed} as checks_passed, ${reports.issueCount} as issue_count, ${reports.errorCount} as error_count
          ${sql.join(valueColumns, sql``)}
        from ${rv}
        join ${reports} on ${reports.id} = ${rv.reportId}
        join ${agencies} on ${agencies.id} = ${rv.agencyId}
        where ${sql.join(conditions, sql` and `)}
        order by ${rv.year} desc, ${agencies.regionCode} nulls last, ${agencies.name}
        limit ${options.limit + 1}`,
  );
  const truncated = rows.length > options.limit;
  return {
    truncated,
    rows: rows.slice(0, options.limit).map((r) => {
      const regionCode = r.region_code == null ? null : String(r.region_code);
      const publishedAt = toIsoDate(r.published_at);
      const deadline = toIsoDate(r.deadline);
      const values: Record<string, number | null> = {};
      metrics.forEach((m, i) => {
        values[m.id] = r[`v${i}`] == null ? null : Number(r[`v${i}`]);
      });
      return {
        reportId: Number(r.report_id),
        agencyId: Number(r.agency_id),
        agency: String(r.agency),
        regionCode,
        region: describeRegion(regionCode),
        kind: String(r.kind),
        year: Number(r.year),
        layout: r.layout == null ? null : String(r.layout),
        publishedAt,
        deadline,
        daysLate: daysLate(publishedAt, deadline),
        checksPassed: Boolean(r.checks_passed),
        issueCount: Number(r.issue_count),
        errorCount: Number(r.error_count),
        values,
      };
    }),
  };
}

export type MissingAgencyRow = {
  agencyId: number;
  agency: string;
  regionCode: string | null;
  region: string;
  year: number;
};

/** Years (newest first) in which some agency of the filter went missing, from the rollup's next-year counts. */
async function yearsWithLeavers(db: Db, filter: DashboardFilter, scope: Scope): Promise<number[]> {
  const src = servedByProvinceRollup(filter, scope) ? reportRollupsProvince : reportRollups;
  const nextYear = sql`(${src.year} + 1)`;
  const rows = await selectRows<{ year: number }>(
    db,
    sql`select distinct ${nextYear}::int as year from ${src}
        where ${buildFilterCondition(filter, scope, { yearExpr: nextYear, ignoreLayout: true, source: src })}
          and ${src.leavers} > 0 and ${nextYear} <= (select max(${src.year}) from ${src})
        order by 1 desc`,
  );
  return rows.map((r) => Number(r.year));
}

/** Agencies that reported the year before but have no report for `year` (within the filter and scope). */
export async function listMissingAgencies(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  options: { year?: number; group?: string; limit: number },
): Promise<MissingAgencyRow[]> {
  // Newest year first, one year at a time, off the partial index of flagged rows (not an anti-join of all rows).
  const years = options.year ? [options.year] : await yearsWithLeavers(db, filter, scope);
  const rows: Record<string, unknown>[] = [];
  for (const year of years) {
    if (rows.length >= options.limit) break;
    const conditions: SQL[] = [
      buildFilterCondition(filter, scope, { yearExpr: sql`${year}::int`, ignoreLayout: true }),
      sql`${rv.year} = ${year - 1}`,
    ];
    if (options.group) conditions.push(sql`${childGrouping(filter.region).expr} = ${options.group}`);
    rows.push(
      ...(await selectRows<Record<string, unknown>>(
        db,
        // Materialised first: otherwise the planner walks every agency in name order (it underestimates the flags).
        sql`with missing as materialized (
              select ${rv.agencyId} as agency_id from ${rv}
              where ${sql.join(conditions, sql` and `)} and ${rv.nextMissing}
                and ${year} <= (select max(${rv.year}) from ${rv}))
            select missing.agency_id, ${agencies.name} as agency, ${agencies.regionCode} as region_code,
              ${year}::int as year
            from missing join ${agencies} on ${agencies.id} = missing.agency_id
            order by ${agencies.name}
            limit ${options.limit - rows.length}`,
      )),
    );
  }
  return rows.map((r) => {
    const regionCode = r.region_code == null ? null : String(r.region_code);
    return {
      agencyId: Number(r.agency_id),
      agency: String(r.agency),
      regionCode,
      region: describeRegion(regionCode),
      year: Number(r.year),
    };
  });
}
