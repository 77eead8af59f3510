import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportRollups, reportRollupsProvince, reportValues } from "@/db/schema";
import type { Scope } from "@/lib/auth/scope";
import { selectRows } from "@/lib/db/rows";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import type { AggregateSource } from "../aggregate-metrics";
import { buildFilterCondition, servedByProvinceRollup } from "../region-scope";

/** Years with any current report inside the filter (without the year bounds the caller may want to widen). */
export async function listYears(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  source: AggregateSource = "auto",
): Promise<number[]> {
  // Every filter is on the rollups' keys, and a rollup row exists exactly when its group has a report.
  const src =
    source === "base"
      ? reportValues
      : source === "auto" && servedByProvinceRollup(filter, scope)
        ? reportRollupsProvince
        : reportRollups;
  const rows = await selectRows<{ year: number }>(
    db,
    sql`select distinct ${src.year} as year from ${src} where ${buildFilterCondition(filter, scope, { source: src })} order by 1`,
  );
  return rows.map((r) => Number(r.year));
}
