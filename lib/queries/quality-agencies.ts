import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, reports, reportValues } from "@/db/schema";
import { selectRows } from "@/lib/db/rows";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import { findRegionByCode } from "@/lib/regions";
import { buildFilterCondition, type Scope } from "./region-scope";

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

type Conditions = { problems: SQL; missing: SQL; agencyKind?: string };

/**
 * The filter on both branches. Without a region or scope condition only years and agency kind remain, which
 * `reports` and `agencies` carry themselves (`report_values.agency_kind` is a copy of `agencies.kind`): the national
 * panel then reads two narrow partial indexes and never joins the 1M-row fact table.
 */
function buildConditions(
  filter: DashboardFilter,
  scope: Scope,
  year: number | undefined,
  missingYear: SQL,
): Conditions {
  if (scope !== "all" || filter.region) {
    const problems = [buildFilterCondition(filter, scope)];
    if (year) problems.push(sql`${rv.year} = ${year}`);
    const missing = [buildFilterCondition(filter, scope, { yearExpr: missingYear, ignoreLayout: true })];
    if (year) missing.push(sql`${missingYear} = ${year}`);
    return {
      problems: sql`exists (select 1 from ${rv} where ${rv.reportId} = ${r.id} and ${sql.join(problems, sql` and `)})`,
      missing: sql.join(missing, sql` and `),
    };
  }
  const onYears = (expr: SQL) => {
    const parts: SQL[] = [sql`true`];
    if (filter.from) parts.push(sql`${expr} >= ${filter.from}`);
    if (filter.to) parts.push(sql`${expr} <= ${filter.to}`);
    if (year) parts.push(sql`${expr} = ${year}`);
    return parts;
  };
  const problems = onYears(sql`${r.year}`);
  if (filter.layout) problems.push(sql`${r.layout} = ${filter.layout}`);
  return {
    problems: sql.join(problems, sql` and `),
    missing: sql.join(onYears(missingYear), sql` and `),
    agencyKind: filter.kind,
  };
}

/**
 * Agencies of the filter ranked worst first by their data quality (QUALITY_RANKING_NOTE). Only problem reports
 * (partial index `reports_problem_agency_idx`) and 缺报 flags (`report_values_missing_agency_idx`) are read, both in
 * agency order, so the two per-agency aggregates merge without a hash table of every agency.
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
  // Once, on the merged per-agency counts, rather than on each branch's rows.
  const ofKind = where.agencyKind
    ? sql`where coalesce(problems.agency_id, missing.agency_id) in
        (select ${agencies.id} from ${agencies} where ${agencies.kind} = ${where.agencyKind})`
    : sql``;
  const missingWhere = sql`${rv.nextMissing} and ${missingYear} <= (select max(${rv.year}) from ${rv}) and ${where.missing}`;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`with problems as (
          select ${r.agencyId} as agency_id, sum((not ${r.checksPassed})::int)::int as failing,
            sum(coalesce(${r.publishedAt} > ${r.deadline}, false)::int)::int as late, sum(${r.issueCount})::int as issues
          from ${r}
          where ${r.isCurrent} and (not ${r.checksPassed} or ${r.publishedAt} > ${r.deadline} or ${r.issueCount} > 0)
            and ${where.problems}
          group by ${r.agencyId}
        ), missing as (
          select ${rv.agencyId} as agency_id, count(*)::int as missing from ${rv} where ${missingWhere} group by ${rv.agencyId}
        ), ranked as (
          select coalesce(problems.agency_id, missing.agency_id) as agency_id, coalesce(failing, 0) as failing,
            coalesce(missing, 0) as missing, coalesce(late, 0) as late, coalesce(issues, 0) as issues
          from problems full join missing on missing.agency_id = problems.agency_id
          ${ofKind}
          order by failing desc, missing desc, late desc, issues desc, agency_id
          limit ${options.limit + 1}
        )
        select ranked.*, ${agencies.name} as agency, ${agencies.regionCode} as region_code,
          (select array_agg(${missingYear}::int order by ${rv.year}) from ${rv}
            where ${rv.agencyId} = ranked.agency_id and ${missingWhere}) as missing_years
        from ranked join ${agencies} on ${agencies.id} = ranked.agency_id
        order by failing desc, missing desc, late desc, issues desc, ranked.agency_id`,
  );
  return {
    truncated: rows.length > options.limit,
    rows: rows.slice(0, options.limit).map((row) => {
      const regionCode = row.region_code == null ? null : String(row.region_code);
      return {
        agencyId: Number(row.agency_id),
        agency: String(row.agency),
        regionCode,
        region: regionCode ? (findRegionByCode(regionCode)?.path.join("") ?? regionCode) : "地区未识别",
        failing: Number(row.failing),
        missingYears: ((row.missing_years as unknown[] | null) ?? []).map(Number),
        late: Number(row.late),
        issues: Number(row.issues),
      };
    }),
  };
}
