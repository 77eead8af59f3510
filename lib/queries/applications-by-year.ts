import "server-only";
import { sql } from "drizzle-orm";
import { cellColumn } from "@/db/cells";
import type { Db } from "@/db/client";
import { reportValues } from "@/db/schema";
import { selectRows } from "@/lib/db/rows";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import { buildFilterCondition, type Scope } from "./region-scope";

export type ApplicationsByYearRow = {
  year: number;
  reports: number;
  natural: number;
  commercial: number;
  research: number;
  nonprofit: number;
  legal: number;
  otherOrg: number;
  total: number;
};

/** 本年新收政府信息公开申请数量 per report year, by applicant type (current reports only). */
export async function getApplicationsByYear(
  db: Db,
  filter: DashboardFilter,
  scope: Scope = "all",
): Promise<ApplicationsByYearRow[]> {
  const v = reportValues;
  const rows = await selectRows<Record<string, string | number>>(
    db,
    sql`select ${v.year} as year,
          count(*)::int as reports,
          coalesce(sum(${cellColumn("applications.received.natural")}), 0)::float8 as natural,
          coalesce(sum(${cellColumn("applications.received.commercial")}), 0)::float8 as commercial,
          coalesce(sum(${cellColumn("applications.received.research")}), 0)::float8 as research,
          coalesce(sum(${cellColumn("applications.received.nonprofit")}), 0)::float8 as nonprofit,
          coalesce(sum(${cellColumn("applications.received.legal")}), 0)::float8 as legal,
          coalesce(sum(${cellColumn("applications.received.otherOrg")}), 0)::float8 as "otherOrg",
          coalesce(sum(${cellColumn("applications.received.total")}), 0)::float8 as total
        from ${v}
        where ${buildFilterCondition(filter, scope)}
        group by ${v.year}
        order by ${v.year}`,
  );
  return rows.map((r) => ({
    year: Number(r.year),
    reports: Number(r.reports),
    natural: Number(r.natural),
    commercial: Number(r.commercial),
    research: Number(r.research),
    nonprofit: Number(r.nonprofit),
    legal: Number(r.legal),
    otherOrg: Number(r.otherOrg),
    total: Number(r.total),
  }));
}
