import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type reportRollups, type reportRollupsProvince, reportValues } from "@/db/schema";
import type { Scope } from "@/lib/auth/scope";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import { findRegionByCode } from "@/lib/regions";

const rv = reportValues;

/**
 * A table with the report dimensions: `report_values` (one row per report), `report_rollups` (groups of them) or
 * `report_rollups_province` (those summed per province: region conditions on provinces only).
 */
export type FactSource = typeof reportValues | typeof reportRollups | typeof reportRollupsProvince;

// A code sits in the column of its level (the fact tables fill them from the same regions), so one indexed
// equality serves; a code the region list does not know is looked for at every level.
function matchRegion(code: string, src: FactSource = rv): SQL {
  if (!("countyCode" in src)) return sql`(${src.provinceCode} = ${code})`;
  const level = findRegionByCode(code)?.level;
  if (level === 1) return sql`(${src.provinceCode} = ${code})`;
  if (level === 2) return sql`(${src.prefectureCode} = ${code})`;
  if (level === 3) return sql`(${src.countyCode} = ${code})`;
  return sql`(${src.provinceCode} = ${code} or ${src.prefectureCode} = ${code} or ${src.countyCode} = ${code})`;
}

/** Whether the province rollup answers the filter and scope: no region chosen, and a scope of whole provinces. */
export function servedByProvinceRollup(filter: DashboardFilter, scope: Scope): boolean {
  if (filter.region) return false;
  return scope === "all" || scope.regionCodes.every((code) => findRegionByCode(code)?.level === 1);
}

/** The one place the caller's scope becomes SQL, so access control plugs in here and nowhere else. */
export function buildAccessCondition(scope: Scope, src: FactSource = rv): SQL {
  if (scope === "all") return sql`true`;
  if (scope.regionCodes.length === 0) return sql`false`;
  return sql`(${sql.join(
    scope.regionCodes.map((code) => matchRegion(code, src)),
    sql` or `,
  )})`;
}

/** The same rule for one known region (a detail view or a download): the region or one of its ancestors is in scope. */
export function isRegionInScope(regionCode: string | null | undefined, scope: Scope): boolean {
  if (scope === "all") return true;
  for (
    let r = regionCode ? findRegionByCode(regionCode) : null;
    r;
    r = r.parentCode ? findRegionByCode(r.parentCode) : null
  ) {
    if (scope.regionCodes.includes(r.code)) return true;
  }
  return false;
}

export type FilterConditionOptions = {
  /** Year expression the from/to bounds apply to (default `report_values.year`). */
  yearExpr?: SQL;
  ignoreLayout?: boolean;
  /** The table filtered (default `report_values`). */
  source?: FactSource;
};

/** Restricts `report_values` to the filter (region at any level, years, agency kind, layout) and the scope. */
export function buildFilterCondition(filter: DashboardFilter, scope: Scope, options: FilterConditionOptions = {}): SQL {
  const src = options.source ?? rv;
  const year = options.yearExpr ?? sql`${src.year}`;
  const parts: SQL[] = [buildAccessCondition(scope, src)];
  if (filter.region) parts.push(matchRegion(filter.region, src));
  if (filter.from) parts.push(sql`${year} >= ${filter.from}`);
  if (filter.to) parts.push(sql`${year} <= ${filter.to}`);
  if (filter.kind) parts.push(sql`${src.agencyKind} = ${filter.kind}`);
  if (filter.layout && !options.ignoreLayout) parts.push(sql`${src.layout} = ${filter.layout}`);
  return sql.join(parts, sql` and `);
}

export type ChildGrouping = { kind: "region"; expr: SQL } | { kind: "agency"; expr: SQL };

/**
 * How the selected region's rows split into its children. Agencies registered at the region itself (a city's own
 * departments) form a "本级" group keyed by the region's own code; below county level the children are agencies.
 */
export function childGrouping(regionCode: string | undefined, src: FactSource = rv): ChildGrouping {
  if (!regionCode) return { kind: "region", expr: sql`${src.provinceCode}` };
  const level = findRegionByCode(regionCode)?.level ?? 3;
  if (!("countyCode" in src)) throw new Error("The province rollup has no rows below province level");
  if (level === 1)
    return { kind: "region", expr: sql`coalesce(${src.prefectureCode}, ${src.countyCode}, ${src.provinceCode})` };
  if (level === 2) return { kind: "region", expr: sql`coalesce(${src.countyCode}, ${src.prefectureCode})` };
  return { kind: "agency", expr: sql`${rv.agencyId}::text` };
}

/** A group key's Chinese label: the region name, "<region>本级", or "地区未识别". */
export function labelRegionGroup(code: string | null, parentCode: string | undefined): string {
  if (!code) return "地区未识别";
  const region = findRegionByCode(code);
  if (!region) return code;
  return code === parentCode ? `${region.name}本级` : region.name;
}
