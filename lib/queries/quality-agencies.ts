import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reports, reportValues } from "@/db/schema";
import type { Scope } from "@/lib/auth/scope";
import { selectRows } from "@/lib/db/rows";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import { describeRegion } from "@/lib/regions";
import { buildFilterCondition } from "./region-scope";

const rv = reportValues;
const r = reports;

export type QualityAgencyRow = {
  agencyId: number;
  agency: string;
  regionCode: string | null;
  region: string;
  /** Current reports failing an arithmetic (勾稽) check. */
  failing: number;
  /** Years (ascending) the agency reported the year before but not that year (缺报). */
  missingYears: number[];
  /** Current reports published after their legal deadline. */
  late: number;
  /** Parser issues (warnings and errors) on the current reports. */
  issues: number;
};

/** The panel's order, worst first; a tie on all four counts goes by agency id so the cut at `limit` is stable. */
export const QUALITY_RANKING_NOTE =
  "排序（最差在前）：勾稽校验未通过的报告数、缺报年度数、逾期报告数、问题条数依次从多到少；全部相同时按机关编号。";

type Conditions = {
  /** Problem reports inside the filter and scope. */
  problems: SQL;
  /** The same on `reports` alone (years, layout): enough for an agency already known to be inside. */
  reportYears: SQL;
  /** 缺报 flags (`report_values.next_missing`) inside the filter and scope. */
  missing: SQL;
};

/**
 * The filter on both branches. Region, kind and scope are the agency's own: without them only years and layout
 * remain, which `reports` carries itself, and the national panel never joins the 1M-row fact table. Otherwise each
 * problem report is checked against its `report_values` row.
 */
function buildConditions(
  filter: DashboardFilter,
  scope: Scope,
  year: number | undefined,
  missingYear: SQL,
): Conditions {
  // Bounds on the stored year (a missing year is the flagged report's year + 1), so the year indexes apply.
  const onYears = (stored: SQL, offset: number) => {
    const parts: SQL[] = [sql`true`];
    if (filter.from) parts.push(sql`${stored} >= ${filter.from - offset}`);
    if (filter.to) parts.push(sql`${stored} <= ${filter.to - offset}`);
    if (year) parts.push(sql`${stored} = ${year - offset}`);
    return parts;
  };
  const reportYears = onYears(sql`${r.year}`, 0);
  if (filter.layout) reportYears.push(sql`${r.layout} = ${filter.layout}`);
  const onReports = sql.join(reportYears, sql` and `);
  if (scope !== "all" || filter.region || filter.kind) {
    const problems = [buildFilterCondition(filter, scope)];
    if (year) problems.push(sql`${rv.year} = ${year}`);
    const missing = [buildFilterCondition(filter, scope, { yearExpr: missingYear, ignoreLayout: true })];
    if (year) missing.push(sql`${missingYear} = ${year}`);
    return {
      problems: sql`exists (select 1 from ${rv} where ${rv.reportId} = ${r.id} and ${sql.join(problems, sql` and `)})`,
      reportYears: onReports,
      missing: sql.join(missing, sql` and `),
    };
  }
  return { problems: onReports, reportYears: onReports, missing: sql.join(onYears(sql`${rv.year}`, 1), sql` and `) };
}

/**
 * Agencies of the filter ranked worst first by their data quality (QUALITY_RANKING_NOTE). Only problem reports
 * (partial index `reports_problem_agency_idx`) and 缺报 flags (`report_values_next_missing_idx`) are read.
 *
 * Pruning: take the (failing, missing) pair in place limit+1 when agencies are ordered by that pair alone. An agency
 * with a smaller pair has limit+1 agencies ranked above it whatever its late reports, so late reports and issues are
 * counted only for agencies at or above the pair (~3,500 nationally instead of every agency with a late report).
 * With limit or fewer agencies that failed a check or went missing there is no such pair, and all are counted.
 */
export async function listQualityAgencies(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  options: { year?: number; limit: number },
): Promise<{ rows: QualityAgencyRow[]; truncated: boolean }> {
  // The year an agency went missing is the year after its flagged report; layout does not apply to a missing report.
  const missingYear = sql`(${rv.year} + 1)`;
  const where = buildConditions(filter, scope, options.year, missingYear);
  const missingWhere = sql`${rv.nextMissing} and ${rv.year} < (select max(${rv.year}) from ${rv}) and ${where.missing}`;
  const problemPredicate = sql`${r.isCurrent} and (not ${r.checksPassed} or ${r.publishedAt} > ${r.deadline} or ${r.issueCount} > 0)`;
  const problemWhere = sql`${problemPredicate} and ${where.problems}`;

  const order = sql`failing desc, missing desc, late desc, issues desc, agency_id`;
  // The ranked agencies with their names and 缺报 years (for at most limit+1 agencies).
  const withAgencyDetails = (ranked: SQL) => sql`with ranked as (${ranked})
    select ranked.*, ${agencies.name} as agency, ${agencies.regionCode} as region_code,
      (select array_agg(${missingYear}::int order by ${rv.year}) from ${rv}
        where ${rv.agencyId} = ranked.agency_id and ${missingWhere}) as missing_years
    from ranked join ${agencies} on ${agencies.id} = ranked.agency_id
    order by failing desc, missing desc, late desc, issues desc, ranked.agency_id`;

  // Each count per agency, merged; pruned: only the agencies at or above the cut get their late reports counted.
  const pruned = sql`with failing_counts as (
      select ${r.agencyId} as agency_id, count(*)::int as failing from ${r}
      where ${problemWhere} and not ${r.checksPassed}
      group by ${r.agencyId}
    ), missing_counts as (
      select ${rv.agencyId} as agency_id, count(*)::int as missing from ${rv} where ${missingWhere}
      group by ${rv.agencyId}
    ), failing_missing as materialized (
      select coalesce(f.agency_id, m.agency_id) as agency_id, coalesce(f.failing, 0) as failing,
        coalesce(m.missing, 0) as missing
      from failing_counts f full join missing_counts m on m.agency_id = f.agency_id
    ), cut as (
      select failing, missing from failing_missing order by failing desc, missing desc offset ${options.limit} limit 1
    ), candidates as materialized (
      select * from failing_missing where (failing, missing) >= (select failing, missing from cut)
    ), late_issues as (
      -- Candidates passed the agency's own conditions (region, kind, scope) already: their reports need the years.
      select ${r.agencyId} as agency_id, sum(coalesce(${r.publishedAt} > ${r.deadline}, false)::int)::int as late,
        sum(${r.issueCount})::int as issues
      from ${r}
      where ${problemPredicate} and ${where.reportYears} and ${r.agencyId} in (select agency_id from candidates)
      group by ${r.agencyId}
    )
    select c.agency_id, c.failing, c.missing, coalesce(l.late, 0) as late, coalesce(l.issues, 0) as issues
    from candidates c left join late_issues l on l.agency_id = c.agency_id
    order by ${order} limit ${options.limit + 1}`;

  const full = sql`with problems as (
      select ${r.agencyId} as agency_id, sum((not ${r.checksPassed})::int)::int as failing,
        sum(coalesce(${r.publishedAt} > ${r.deadline}, false)::int)::int as late, sum(${r.issueCount})::int as issues
      from ${r} where ${problemWhere}
      group by ${r.agencyId}
    ), missing_counts as (
      select ${rv.agencyId} as agency_id, count(*)::int as missing from ${rv} where ${missingWhere}
      group by ${rv.agencyId}
    )
    select coalesce(p.agency_id, m.agency_id) as agency_id, coalesce(p.failing, 0) as failing,
      coalesce(m.missing, 0) as missing, coalesce(p.late, 0) as late, coalesce(p.issues, 0) as issues
    from problems p full join missing_counts m on m.agency_id = p.agency_id
    order by ${order} limit ${options.limit + 1}`;

  let rows = await selectRows<Record<string, unknown>>(db, withAgencyDetails(pruned));
  // No cut (limit or fewer agencies failed a check or went missing): rank every agency with a problem.
  if (rows.length <= options.limit) rows = await selectRows<Record<string, unknown>>(db, withAgencyDetails(full));
  return {
    truncated: rows.length > options.limit,
    rows: rows.slice(0, options.limit).map((row) => {
      const regionCode = row.region_code == null ? null : String(row.region_code);
      return {
        agencyId: Number(row.agency_id),
        agency: String(row.agency),
        regionCode,
        region: describeRegion(regionCode),
        failing: Number(row.failing),
        missingYears: ((row.missing_years as unknown[] | null) ?? []).map(Number),
        late: Number(row.late),
        issues: Number(row.issues),
      };
    }),
  };
}
