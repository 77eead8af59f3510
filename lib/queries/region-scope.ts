import { type SQL, sql } from "drizzle-orm";
import { reportValues } from "@/db/schema";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";

/** Restricts `report_values` to the filter's region (any level) and year range. */
export function buildScopeCondition(filter: DashboardFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.region) {
    const r = filter.region;
    parts.push(
      sql`(${reportValues.provinceCode} = ${r} or ${reportValues.prefectureCode} = ${r} or ${reportValues.countyCode} = ${r})`,
    );
  }
  if (filter.from) parts.push(sql`${reportValues.year} >= ${filter.from}`);
  if (filter.to) parts.push(sql`${reportValues.year} <= ${filter.to}`);
  return sql.join(parts, sql` and `);
}
