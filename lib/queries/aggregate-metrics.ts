import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ROLLUP_BY_METRIC } from "@/db/rollup-columns";
import { reportRollups, reportRollupsProvince, reports, reportValues } from "@/db/schema";
import type { Scope } from "@/lib/auth/scope";
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
import { buildExactCellSum } from "@/lib/rollups/rollup-sql";
import { buildFilterCondition, childGrouping, type FactSource, servedByProvinceRollup } from "./region-scope";

const rv = reportValues;
const rr = reportRollups;
const rp = reportRollupsProvince;

export type GroupBy = "total" | "year" | "child" | "childYear" | "agency" | "agencyYear";

export type AggregateRow = {
  year: number | null;
  /** Current reports in the group (whether or not they print the metrics' cells). */
  reports: number;
  /** Child region code (or agency id as text below county level / for agency grouping). */
  group: string | null;
  metrics: Record<string, MetricValue>;
};

/** The layouts and years that have the metric; reports without a layout count when they print the cells. */
export function buildEligibility(metric: CellMetric, src: FactSource = rv): SQL {
  const parts: SQL[] = [
    sql`(${src.layout} is null or ${src.layout} in (${sql.join(
      metric.layouts.map((l) => sql`${l}`),
      sql`, `,
    )}))`,
  ];
  if (metric.years?.from !== undefined) parts.push(sql`${src.year} >= ${metric.years.from}`);
  if (metric.years?.to !== undefined) parts.push(sql`${src.year} <= ${metric.years.to}`);
  return sql.join(parts, sql` and `);
}

// Sums in exact arithmetic (int8/numeric), converted once at the end: the rollup path returns the same doubles.
function cellAggregates(metric: CellMetric, i: number): SQL {
  const num = buildExactCellSum(metric.numerator);
  const eligible = buildEligibility(metric);
  if (!metric.denominator) {
    return sql`sum(${num}) filter (where ${eligible})::float8 as ${sql.identifier(`m${i}_num`)},
      count(${num}) filter (where ${eligible})::int as ${sql.identifier(`m${i}_n`)}`;
  }
  const den = buildExactCellSum(metric.denominator);
  const both = sql`${eligible} and ${num} is not null and ${den} is not null`;
  return sql`sum(${num}) filter (where ${both})::float8 as ${sql.identifier(`m${i}_num`)},
    sum(${den}) filter (where ${both})::float8 as ${sql.identifier(`m${i}_den`)},
    count(*) filter (where ${both})::int as ${sql.identifier(`m${i}_n`)}`;
}

/** The same aggregates from a rollup's precomputed per-group parts; eligibility depends only on the group key. */
function rollupCellAggregates(metric: CellMetric, i: number, src: typeof rr | typeof rp): SQL {
  const cols = ROLLUP_BY_METRIC.get(metric.id);
  if (!cols) throw new Error(`No rollup columns for metric ${metric.id}`);
  const eligible = buildEligibility(metric, src);
  const col = (name: string) => sql`${src}.${sql.identifier(name)}`;
  const n = sql`coalesce(sum(${col(cols.n)}) filter (where ${eligible}), 0)`;
  // The province rollup keeps 0 where the sum is over no printed cell: n = 0 tells that apart.
  const total = (name: string) =>
    src === rp
      ? sql`(case when ${n} = 0 then null else sum(${col(name)}) filter (where ${eligible}) end)::float8`
      : sql`sum(${col(name)}) filter (where ${eligible})::float8`;
  const parts = [
    sql`${total(cols.num)} as ${sql.identifier(`m${i}_num`)}`,
    sql`${n}::int as ${sql.identifier(`m${i}_n`)}`,
  ];
  if (cols.den) parts.push(sql`${total(cols.den)} as ${sql.identifier(`m${i}_den`)}`);
  return sql.join(parts, sql`, `);
}

/** The table an aggregate reads: the province rollup, the rollup, or (below region level) `report_values`. */
export function pickSource(
  groupBy: GroupBy,
  filter: DashboardFilter,
  scope: Scope,
  source: AggregateSource = "auto",
): FactSource {
  if (source === "base" || !servedByRollup(groupBy, filter)) return rv;
  if (source === "auto" && servedByProvinceRollup(filter, scope)) return rp;
  return rr;
}

export type AggregateSource = "auto" | "rollup" | "base";

const isRollup = (src: FactSource): src is typeof rr | typeof rp => src !== rv;

/** Whether the rollup carries the grouping: everything above agency level (filters are all on its key). */
export function servedByRollup(groupBy: GroupBy, filter: DashboardFilter): boolean {
  if (groupBy === "agency" || groupBy === "agencyYear") return false;
  if (groupBy === "child" || groupBy === "childYear") return childGrouping(filter.region).kind === "region";
  return true;
}

function groupColumns(groupBy: GroupBy, filter: DashboardFilter, src: FactSource = rv): { select: SQL; keys: SQL[] } {
  const child = childGrouping(filter.region, src).expr;
  const agency = sql`${rv.agencyId}::text`;
  const year = sql`${src.year}`;
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
  src: FactSource,
): Promise<Map<string, AggregateRow>> {
  const { select, keys } = groupColumns(groupBy, filter, src);
  const aggregates = sql.join(
    isRollup(src)
      ? [
          sql`coalesce(sum(${src.reports}), 0)::int as m_reports`,
          ...metrics.map((m, i) => rollupCellAggregates(m, i, src)),
        ]
      : [sql`count(*)::int as m_reports`, ...metrics.map((m, i) => cellAggregates(m, i))],
    sql`, `,
  );
  const groupClause = keys.length ? sql`group by ${sql.join(keys, sql`, `)}` : sql``;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`select ${select}, ${aggregates} from ${src} where ${buildFilterCondition(filter, scope, { source: src })} ${groupClause}`,
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
  src: FactSource = pickSource(groupBy, filter, scope),
): Promise<Map<string, { year: number | null; group: string | null; sums: QualitySums }>> {
  const { select, keys } = groupColumns(groupBy, filter, src);
  const groupClause = keys.length ? sql`group by ${sql.join(keys, sql`, `)}` : sql``;
  const nextYear = sql`(${src.year} + 1)`;
  const missingFilter = buildFilterCondition(filter, scope, { yearExpr: nextYear, ignoreLayout: true, source: src });
  const missingSelect = sql`select ${hasYear(groupBy) ? nextYear : sql`null::int`} as year,
    ${groupColumnOnly(groupBy, filter, src)} as grp`;
  const missingGroup = missingGroupClause(groupBy, filter, nextYear, src);
  const [received, missingRows] = isRollup(src)
    ? await Promise.all([
        selectRows<Record<string, unknown>>(
          db,
          sql`select ${select}, sum(${src.reports})::int as received, sum(${src.timed})::int as timed,
                sum(${src.onTime})::int as on_time, sum(${src.checksPassed})::int as checks_passed,
                sum(${src.issues})::int as issues
              from ${src} where ${buildFilterCondition(filter, scope, { source: src })} ${groupClause}`,
        ),
        selectRows<Record<string, unknown>>(
          db,
          sql`${missingSelect}, sum(${src.leavers})::int as missing
              from ${src}
              where ${missingFilter} and ${nextYear} <= (select max(${src.year}) from ${src})
              ${missingGroup} having sum(${src.leavers}) > 0`,
        ),
      ])
    : await Promise.all([
        selectRows<Record<string, unknown>>(
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
        ),
        // Missing: reported in year-1, no current report in year. Shown in year, grouped where it reported.
        selectRows<Record<string, unknown>>(
          db,
          sql`${missingSelect}, count(*)::int as missing
        from ${rv}
        where ${missingFilter}
          and ${nextYear} <= (select max(${rv.year}) from ${rv})
          and not exists (select 1 from ${rv} as nx where nx.agency_id = ${rv.agencyId} and nx.year = ${nextYear})
        ${missingGroup}`,
        ),
      ]);
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

function groupColumnOnly(groupBy: GroupBy, filter: DashboardFilter, src: FactSource): SQL {
  if (groupBy === "child" || groupBy === "childYear") return childGrouping(filter.region, src).expr;
  if (groupBy === "agency" || groupBy === "agencyYear") return sql`${rv.agencyId}::text`;
  return sql`null::text`;
}

function missingGroupClause(groupBy: GroupBy, filter: DashboardFilter, nextYear: SQL, src: FactSource): SQL {
  const keys: SQL[] = [];
  if (hasYear(groupBy)) keys.push(nextYear);
  if (groupBy !== "total" && groupBy !== "year") keys.push(groupColumnOnly(groupBy, filter, src));
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
  options: { metricIds: readonly string[]; groupBy: GroupBy; source?: AggregateSource },
): Promise<AggregateRow[]> {
  const defs = options.metricIds.map(getMetric);
  const cellMetrics = defs.filter((m): m is CellMetric => m.source === "cells");
  const qualityMetrics = defs.filter((m) => m.source === "quality");
  const src = pickSource(options.groupBy, filter, scope, options.source);
  const [cells, quality] = await Promise.all([
    aggregateCells(db, filter, scope, cellMetrics, options.groupBy, src),
    qualityMetrics.length ? aggregateQuality(db, filter, scope, options.groupBy, src) : Promise.resolve(null),
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
