import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { cellColumn } from "@/db/cells";
import type { Db } from "@/db/client";
import { reports, reportValues } from "@/db/schema";
import { selectRows } from "@/lib/db/rows";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import {
  type CellMetric,
  divide,
  EMPTY_VALUE,
  evaluateQualityMetric,
  getMetric,
  type MetricValue,
  type QualitySums,
} from "@/lib/metrics";
import { buildFilterCondition, childGrouping, type Scope } from "./region-scope";

const rv = reportValues;

export type GroupBy = "total" | "year" | "child" | "childYear" | "agency" | "agencyYear";

export type AggregateRow = {
  year: number | null;
  /** Current reports in the group (whether or not they print the metrics' cells). */
  reports: number;
  /** Child region code (or agency id as text below county level / for agency grouping). */
  group: string | null;
  metrics: Record<string, MetricValue>;
};

/** Per-report value of a metric part: the sum of the cells the report prints, null when it prints none. */
export function buildCellSum(paths: readonly string[]): SQL {
  const columns = paths.map((p) => sql`${cellColumn(p)}::float8`);
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

/** The layouts and years that have the metric; reports without a layout count when they print the cells. */
export function buildEligibility(metric: CellMetric): SQL {
  const parts: SQL[] = [
    sql`(${rv.layout} is null or ${rv.layout} in (${sql.join(
      metric.layouts.map((l) => sql`${l}`),
      sql`, `,
    )}))`,
  ];
  if (metric.years?.from !== undefined) parts.push(sql`${rv.year} >= ${metric.years.from}`);
  if (metric.years?.to !== undefined) parts.push(sql`${rv.year} <= ${metric.years.to}`);
  return sql.join(parts, sql` and `);
}

function cellAggregates(metric: CellMetric, i: number): SQL {
  const num = buildCellSum(metric.numerator);
  const eligible = buildEligibility(metric);
  if (!metric.denominator) {
    return sql`sum(${num}) filter (where ${eligible})::float8 as ${sql.identifier(`m${i}_num`)},
      count(${num}) filter (where ${eligible})::int as ${sql.identifier(`m${i}_n`)}`;
  }
  const den = buildCellSum(metric.denominator);
  const both = sql`${eligible} and ${num} is not null and ${den} is not null`;
  return sql`sum(${num}) filter (where ${both})::float8 as ${sql.identifier(`m${i}_num`)},
    sum(${den}) filter (where ${both})::float8 as ${sql.identifier(`m${i}_den`)},
    count(*) filter (where ${both})::int as ${sql.identifier(`m${i}_n`)}`;
}

function groupColumns(groupBy: GroupBy, filter: DashboardFilter): { select: SQL; keys: SQL[] } {
  const child = childGrouping(filter.region).expr;
  const agency = sql`${rv.agencyId}::text`;
  const year = sql`${rv.year}`;
  const none = sql`null::int`;
  const noGroup = sql`null::text`;
  const pick: Record<GroupBy, [SQL, SQL]> = {
    total: [none, noGroup],
    year: [year, noGroup],
    child: [none, child],
    childYear: [year, child],
    agency: [none, agency],
    agencyYear: [year, agency],
  };
  const [y, g] = pick[groupBy];
  const keys = [y, g].filter((k) => k !== none && k !== noGroup);
  return { select: sql`${y} as year, ${g} as grp`, keys };
}

const rowKey = (year: unknown, group: unknown) => `${year ?? ""}|${group ?? ""}`;

async function aggregateCells(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  metrics: CellMetric[],
  groupBy: GroupBy,
): Promise<Map<string, AggregateRow>> {
  const { select, keys } = groupColumns(groupBy, filter);
  const aggregates = sql.join(
    [sql`count(*)::int as m_reports`, ...metrics.map((m, i) => cellAggregates(m, i))],
    sql`, `,
  );
  const groupClause = keys.length ? sql`group by ${sql.join(keys, sql`, `)}` : sql``;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`select ${select}, ${aggregates} from ${rv} where ${buildFilterCondition(filter, scope)} ${groupClause}`,
  );
  const out = new Map<string, AggregateRow>();
  for (const row of rows) {
    const values: Record<string, MetricValue> = {};
    metrics.forEach((m, i) => {
      const num = row[`m${i}_num`] == null ? null : Number(row[`m${i}_num`]);
      const n = Number(row[`m${i}_n`] ?? 0);
      if (m.denominator) {
        const den = row[`m${i}_den`] == null ? null : Number(row[`m${i}_den`]);
        values[m.id] = { value: divide(num, den), numerator: num, denominator: den, n };
      } else {
        values[m.id] = { value: num, numerator: num, n };
      }
    });
    const year = row.year == null ? null : Number(row.year);
    const group = row.grp == null ? null : String(row.grp);
    out.set(rowKey(year, group), { year, group, reports: Number(row.m_reports ?? 0), metrics: values });
  }
  return out;
}

/** Quality counts (reports, on-time, checks, issues, missing agencies) per group. */
export async function aggregateQuality(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  groupBy: GroupBy,
): Promise<Map<string, { year: number | null; group: string | null; sums: QualitySums }>> {
  const { select, keys } = groupColumns(groupBy, filter);
  const groupClause = keys.length ? sql`group by ${sql.join(keys, sql`, `)}` : sql``;
  const received = await selectRows<Record<string, unknown>>(
    db,
    sql`select ${select},
          count(*)::int as received,
          count(*) filter (where ${reports.publishedAt} is not null and ${reports.deadline} is not null)::int as timed,
          count(*) filter (where ${reports.publishedAt} <= ${reports.deadline})::int as on_time,
          count(*) filter (where ${reports.checksPassed})::int as checks_passed,
          coalesce(sum(${reports.issueCount}), 0)::int as issues
        from ${rv} join ${reports} on ${reports.id} = ${rv.reportId}
        where ${buildFilterCondition(filter, scope)}
        ${groupClause}`,
  );
  // Missing: reported in year-1, no current report in year. The year shown is year-1+1, grouped where it reported.
  const nextYear = sql`(${rv.year} + 1)`;
  const missingRows = await selectRows<Record<string, unknown>>(
    db,
    sql`select ${hasYear(groupBy) ? nextYear : sql`null::int`} as year,
          ${groupColumnOnly(groupBy, filter)} as grp,
          count(*)::int as missing
        from ${rv}
        where ${buildFilterCondition(filter, scope, { yearExpr: nextYear, ignoreLayout: true })}
          and ${nextYear} <= (select max(${rv.year}) from ${rv})
          and not exists (select 1 from ${rv} as nx where nx.agency_id = ${rv.agencyId} and nx.year = ${nextYear})
        ${missingGroupClause(groupBy, filter, nextYear)}`,
  );
  const out = new Map<string, { year: number | null; group: string | null; sums: QualitySums }>();
  const ensure = (year: number | null, group: string | null) => {
    const key = rowKey(year, group);
    let entry = out.get(key);
    if (!entry) {
      entry = {
        year,
        group,
        sums: { received: 0, expected: 0, missing: 0, timed: 0, onTime: 0, late: 0, checksPassed: 0, issues: 0 },
      };
      out.set(key, entry);
    }
    return entry;
  };
  for (const r of received) {
    const entry = ensure(r.year == null ? null : Number(r.year), r.grp == null ? null : String(r.grp));
    entry.sums.received = Number(r.received);
    entry.sums.timed = Number(r.timed);
    entry.sums.onTime = Number(r.on_time);
    entry.sums.late = entry.sums.timed - entry.sums.onTime;
    entry.sums.checksPassed = Number(r.checks_passed);
    entry.sums.issues = Number(r.issues);
  }
  for (const r of missingRows) {
    const entry = ensure(r.year == null ? null : Number(r.year), r.grp == null ? null : String(r.grp));
    entry.sums.missing = Number(r.missing);
  }
  for (const entry of out.values()) entry.sums.expected = entry.sums.received + entry.sums.missing;
  return out;
}

const hasYear = (groupBy: GroupBy) => groupBy === "year" || groupBy === "childYear" || groupBy === "agencyYear";

function groupColumnOnly(groupBy: GroupBy, filter: DashboardFilter): SQL {
  if (groupBy === "child" || groupBy === "childYear") return childGrouping(filter.region).expr;
  if (groupBy === "agency" || groupBy === "agencyYear") return sql`${rv.agencyId}::text`;
  return sql`null::text`;
}

function missingGroupClause(groupBy: GroupBy, filter: DashboardFilter, nextYear: SQL): SQL {
  const keys: SQL[] = [];
  if (hasYear(groupBy)) keys.push(nextYear);
  if (groupBy !== "total" && groupBy !== "year") keys.push(groupColumnOnly(groupBy, filter));
  return keys.length ? sql`group by ${sql.join(keys, sql`, `)}` : sql``;
}

/**
 * The dashboard's one aggregation: every requested metric per group, cell metrics as sums or ratios of sums
 * (with n), quality metrics from the report records. Groups with no reports are absent.
 */
export async function aggregateMetrics(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  options: { metricIds: readonly string[]; groupBy: GroupBy },
): Promise<AggregateRow[]> {
  const defs = options.metricIds.map(getMetric);
  const cellMetrics = defs.filter((m): m is CellMetric => m.source === "cells");
  const qualityMetrics = defs.filter((m) => m.source === "quality");
  const [cells, quality] = await Promise.all([
    aggregateCells(db, filter, scope, cellMetrics, options.groupBy),
    qualityMetrics.length ? aggregateQuality(db, filter, scope, options.groupBy) : Promise.resolve(null),
  ]);
  const rows = new Map<string, AggregateRow>();
  for (const [key, row] of cells) rows.set(key, row);
  if (quality) {
    for (const [key, q] of quality) {
      let row = rows.get(key);
      if (!row) {
        // A year where agencies went missing but nobody reported still belongs in the quality series.
        row = { year: q.year, group: q.group, reports: 0, metrics: {} };
        for (const m of cellMetrics) row.metrics[m.id] = EMPTY_VALUE;
        rows.set(key, row);
      }
      for (const m of qualityMetrics) row.metrics[m.id] = evaluateQualityMetric(m, q.sums);
    }
    for (const row of rows.values()) {
      for (const m of qualityMetrics) row.metrics[m.id] ??= EMPTY_VALUE;
    }
  }
  // Groups with reports stay even when none prints the metric: the chart shows "—" for them, not a missing bar.
  const result = [...rows.values()].filter(
    (r) => options.groupBy === "total" || r.reports > 0 || Object.values(r.metrics).some((v) => v.n > 0),
  );
  return result.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || String(a.group).localeCompare(String(b.group)));
}
