import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportRollups, reportRollupsProvince, reportValues } from "@/db/schema";
import { selectRows } from "@/lib/db/rows";
import { AGENCY_KIND_NAMES, type ChartParams, type DashboardFilter } from "@/lib/filters/dashboard-filter";
import {
  APPLICANT_TYPES,
  appliesToYear,
  COMPARABLE_METRIC_IDS,
  computeChange,
  getMetric,
  isRatio,
  METRIC_BY_ID,
  type MetricValue,
  OUTCOME_CATEGORIES,
  REVIEW_BLOCK_NAMES,
  REVIEW_RESULTS,
} from "@/lib/metrics";
import { childrenOf, findRegionByCode } from "@/lib/regions";
import { type AggregateSource, aggregateMetrics } from "./aggregate-metrics";
import { type CellValue, CHART_TITLES, type ChartColumn, type ChartId, type ChartTable } from "./chart-catalog";
import { col, metricCol, YEAR_COL } from "./chart-columns";
import { cachedByVersion } from "./dataset-cache";
import { findDetailSubset } from "./detail-subsets";
import { listQualityAgencies, QUALITY_RANKING_NOTE } from "./quality-agencies";
import {
  buildFilterCondition,
  childGrouping,
  labelRegionGroup,
  type Scope,
  servedByProvinceRollup,
} from "./region-scope";
import { listMissingAgencies, listReportRows, type MissingAgencyRow, type ReportRow } from "./report-rows";

type Built = Omit<
  ChartTable,
  "chart" | "title" | "filter" | "params" | "datasetVersion" | "generatedAt" | "rowsKind"
> & {
  params?: ChartParams;
};

const DETAIL_LIMIT_VIEW = 500;
const DETAIL_LIMIT_EXPORT = 200_000;

function notesOf(metricIds: readonly string[]): string[] {
  const notes = new Set<string>();
  for (const id of metricIds) {
    const note = METRIC_BY_ID.get(id)?.note;
    if (note) notes.add(`${METRIC_BY_ID.get(id)!.name}：${note}`);
  }
  return [...notes];
}

const v = (m: Record<string, MetricValue>, id: string) => m[id]?.value ?? null;

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

async function buildYearSeries(
  db: Db,
  filter: DashboardFilter,
  scope: Scope,
  columns: ChartColumn[],
  extraNotes: string[] = [],
): Promise<Built> {
  const metricIds = columns.filter((c) => c.metric).map((c) => c.metric!);
  // A ratio's n (reports counted in it) sits next to it: n differs between ratios and from the report count.
  const withN = columns.flatMap((c) =>
    c.metric && isRatio(getMetric(c.metric)) ? [c, col(`${c.key}N`, `${c.label}·报告数（n）`)] : [c],
  );
  const [aggregates, years] = await Promise.all([
    aggregateMetrics(db, filter, scope, { metricIds, groupBy: "year" }),
    listYears(db, filter, scope),
  ]);
  // Every year with reports gets a row, so a metric a layout lacks shows as a gap (null), never a missing year.
  const byYear = new Map(aggregates.map((r) => [r.year, r]));
  const rows = [...new Set([...years, ...aggregates.map((r) => r.year!)])]
    .sort((a, b) => a - b)
    .map((year) => byYear.get(year) ?? { year, group: null, reports: 0, metrics: {} as Record<string, MetricValue> });
  return {
    columns: [YEAR_COL, ...withN],
    rows: rows.map((r) => {
      const out: Record<string, CellValue> = { year: r.year };
      for (const c of columns) {
        if (c.key === "reports") out.reports = r.reports;
        else if (c.metric) {
          const metric = getMetric(c.metric);
          const applies = appliesToYear(metric, r.year!);
          out[c.key] = applies ? v(r.metrics, c.metric) : null;
          if (isRatio(metric)) out[`${c.key}N`] = applies ? (r.metrics[c.metric]?.n ?? 0) : null;
        }
      }
      return out;
    }),
    notes: [...extraNotes, ...notesOf(metricIds)],
    metrics: metricIds,
  };
}

const builders: Record<
  ChartId,
  (db: Db, f: DashboardFilter, s: Scope, p: ChartParams, detail: boolean) => Promise<Built>
> = {
  kpis: async (db, filter, scope) => {
    const ids = [
      "applications.received",
      "applications.processed",
      "outcomes.openRate",
      "applications.carriedForward",
      "review.total",
      "review.correctionRate",
      "litigationDirect.total",
      "litigationAfterReview.total",
      "quality.received",
      "quality.onTimeRate",
      "quality.checksPassedRate",
      "quality.missing",
    ];
    const rows = await aggregateMetrics(db, filter, scope, { metricIds: ids, groupBy: "year" });
    const withReports = rows.filter((r) => (r.metrics["quality.received"]?.value ?? 0) > 0);
    const latest = withReports.at(-1);
    const previous = latest ? rows.find((r) => r.year === latest.year! - 1) : undefined;
    return {
      columns: [
        col("metric", "指标编号", "text"),
        col("name", "指标", "text"),
        col("unit", "单位", "text"),
        YEAR_COL,
        col("value", "本年"),
        col("n", "报告数（n）"),
        col("previousYear", "上年度"),
        col("previous", "上年"),
        col("change", "同比变化（比率为百分点，其余为相对变化）"),
      ],
      rows: latest
        ? ids.map((id) => {
            const m = getMetric(id);
            const cur = latest.metrics[id];
            const prev = previous?.metrics[id]?.value ?? null;
            const change = computeChange(cur?.value ?? null, prev);
            return {
              metric: id,
              name: m.name,
              unit: m.unit,
              year: latest.year,
              value: cur?.value ?? null,
              n: cur?.n ?? 0,
              previousYear: latest.year! - 1,
              previous: prev,
              change: isRatio(m) ? change.absolute : change.relative,
            };
          })
        : [],
      notes: ["同比：计数与金额为相对变化（上年为 0 时显示“—”），比率为百分点差。", ...notesOf(ids)],
      metrics: ids,
    };
  },

  "applications-by-year": (db, filter, scope) =>
    buildYearSeries(db, filter, scope, [
      col("reports", "报告数（n）"),
      ...APPLICANT_TYPES.map((t) => metricCol(t.key, `applications.received.${t.key}`, t.name)),
      metricCol("total", "applications.received", "新收申请总计"),
      metricCol("carriedOver", "applications.carriedOver"),
      metricCol("processed", "applications.processed"),
      metricCol("carriedForward", "applications.carriedForward"),
    ]),

  "outcomes-by-year": (db, filter, scope) =>
    buildYearSeries(db, filter, scope, [
      col("reports", "报告数（n）"),
      metricCol("processed", "applications.processed"),
      ...OUTCOME_CATEGORIES.map((c) => metricCol(c.key, `outcomes.${c.key}`)),
      ...OUTCOME_CATEGORIES.map((c) => metricCol(`${c.key}Share`, `outcomes.${c.key}.share`)),
      metricCol("openRate", "outcomes.openRate"),
    ]),

  "licensing-by-year": (db, filter, scope) =>
    buildYearSeries(db, filter, scope, [
      col("reports", "报告数（n）"),
      metricCol("licensingDecisions", "active.licensing.decisions"),
      metricCol("penaltyDecisions", "active.penalty.decisions"),
      metricCol("coercionDecisions", "active.coercion.decisions"),
      metricCol("licensingPrevious", "active.licensing.previous"),
      metricCol("licensingChange", "active.licensing.change"),
      metricCol("feesChange", "active.fees.change"),
      metricCol("feesAmount", "active.fees.amount"),
    ]),

  "procurement-by-year": (db, filter, scope) =>
    buildYearSeries(
      db,
      filter,
      scope,
      [
        col("reports", "报告数（n）"),
        metricCol("count", "active.procurement.count"),
        metricCol("amount", "active.procurement.amount"),
      ],
      ["政府集中采购仅见于 2019 版表格（报告年度 2019–2020）；2021 年起的年度报告不再填报此项，表中为空而非 0。"],
    ),

  "review-by-year": (db, filter, scope) =>
    buildYearSeries(db, filter, scope, [
      col("reports", "报告数（n）"),
      ...Object.entries(REVIEW_BLOCK_NAMES).flatMap(([block]) => [
        ...[...REVIEW_RESULTS, { key: "total" }].map((r) => metricCol(`${block}_${r.key}`, `${block}.${r.key}`)),
        metricCol(`${block}_correctionRate`, `${block}.correctionRate`),
      ]),
    ]),

  "quality-by-year": (db, filter, scope) =>
    buildYearSeries(db, filter, scope, [
      metricCol("received", "quality.received"),
      metricCol("expected", "quality.expected"),
      metricCol("missing", "quality.missing"),
      metricCol("completeness", "quality.completeness"),
      metricCol("late", "quality.late"),
      metricCol("onTimeRate", "quality.onTimeRate"),
      metricCol("checksPassedRate", "quality.checksPassedRate"),
      metricCol("issuesPerReport", "quality.issuesPerReport"),
    ]),

  children: async (db, filter, scope, params) => {
    const metricId = pickComparable(params.metric);
    const years = await listYears(db, filter, scope);
    const year = params.year ?? years.at(-1);
    const metric = getMetric(metricId);
    const grouping = childGrouping(filter.region);
    const rows = year
      ? await aggregateMetrics(db, { ...filter, from: year, to: year }, scope, {
          metricIds: [metricId],
          groupBy: "child",
        })
      : [];
    const names = grouping.kind === "agency" ? await agencyNames(db, filter, scope, year) : new Map<string, string>();
    const drillable = new Set(childrenOf(filter.region ?? null).map((r) => r.code));
    const out = rows.map((r) => {
      const value = r.metrics[metricId];
      const label =
        grouping.kind === "agency"
          ? (names.get(r.group!) ?? `机关 ${r.group}`)
          : labelRegionGroup(r.group, filter.region);
      return {
        code: r.group,
        name: label,
        year: year ?? null,
        value: value?.value ?? null,
        numerator: value?.numerator ?? null,
        denominator: value?.denominator ?? null,
        n: value?.n ?? 0,
        target: grouping.kind === "agency" ? "agency" : r.group && drillable.has(r.group) ? "region" : "list",
      };
    });
    out.sort((a, b) => (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY));
    return {
      params: { ...params, metric: metricId, year },
      columns: [
        col("code", grouping.kind === "agency" ? "机关编号" : "地区代码", "text"),
        col("name", grouping.kind === "agency" ? "机关" : "地区", "text"),
        YEAR_COL,
        metricCol("value", metricId),
        col("numerator", isRatio(metric) ? "分子合计" : "合计"),
        ...(isRatio(metric) ? [col("denominator", "分母合计")] : []),
        col("n", "报告数（n）"),
        col("target", "下钻", "text"),
      ],
      rows: out,
      notes: [`${year ?? "—"}年度；各组取当前版本报告。`, ...notesOf([metricId])],
      metrics: [metricId],
    };
  },

  heatmap: async (db, filter, scope, params) => {
    const metricId = pickComparable(params.metric);
    const grouping = childGrouping(filter.region);
    const rows = await aggregateMetrics(db, filter, scope, { metricIds: [metricId], groupBy: "childYear" });
    const years = [...new Set(rows.map((r) => r.year!))].sort();
    const names = grouping.kind === "agency" ? await agencyNames(db, filter, scope) : new Map<string, string>();
    const byGroup = new Map<string, Record<string, CellValue>>();
    for (const r of rows) {
      const key = r.group ?? "";
      let row = byGroup.get(key);
      if (!row) {
        row = {
          code: r.group,
          name:
            grouping.kind === "agency"
              ? (names.get(r.group!) ?? `机关 ${r.group}`)
              : labelRegionGroup(r.group, filter.region),
        };
        byGroup.set(key, row);
      }
      row[`y${r.year}`] = r.metrics[metricId]?.value ?? null;
      row[`n${r.year}`] = r.metrics[metricId]?.n ?? 0;
    }
    const metric = getMetric(metricId);
    return {
      params: { ...params, metric: metricId },
      columns: [
        col("code", "代码", "text"),
        col("name", grouping.kind === "agency" ? "机关" : "地区", "text"),
        ...years.map((y) => ({ ...col(`y${y}`, `${y}年`), unit: metric.unit, metric: metricId })),
        ...years.map((y) => col(`n${y}`, `${y}年·报告数（n）`)),
      ],
      rows: [...byGroup.values()].sort((a, b) => String(a.code).localeCompare(String(b.code))),
      notes: notesOf([metricId]),
      metrics: [metricId],
    };
  },

  "quality-agencies": async (db, filter, scope, params) => {
    const list = await listQualityAgencies(db, filter, scope, { year: params.year, limit: 100 });
    return {
      columns: [
        col("agency", "机关", "text"),
        col("region", "地区", "text"),
        col("failing", "勾稽不符报告", "number", "份"),
        col("missing", "缺报年度数", "number", "个"),
        col("missingYears", "缺报年度", "text"),
        col("late", "逾期报告", "number", "份"),
        col("issues", "问题条数", "number", "条"),
        col("agencyId", "机关编号", "number"),
      ],
      rows: list.rows.map((r) => ({
        agency: r.agency,
        region: r.region,
        failing: r.failing,
        missing: r.missingYears.length,
        missingYears: r.missingYears.join("、"),
        late: r.late,
        issues: r.issues,
        agencyId: r.agencyId,
      })),
      truncated: list.truncated,
      notes: [QUALITY_RANKING_NOTE, ...notesOf(["quality.missing", "quality.onTimeRate", "quality.checksPassedRate"])],
      metrics: ["quality.missing", "quality.onTimeRate", "quality.checksPassedRate", "quality.issuesPerReport"],
    };
  },

  agencies: async (db, filter, scope, params) => {
    const years = await listYears(db, filter, scope);
    const year = params.year ?? years.at(-1);
    const ids = ["applications.received", "applications.processed", "outcomes.openRate", "review.total"];
    const [list, missing] = year
      ? await Promise.all([
          listReportRows(db, filter, scope, { metricIds: ids, year, group: params.group, limit: DETAIL_LIMIT_VIEW }),
          listMissingAgencies(db, filter, scope, { year, group: params.group, limit: DETAIL_LIMIT_VIEW }),
        ])
      : [{ rows: [], truncated: false }, []];
    const table = reportRowsTable(list.rows, ids);
    return {
      params: { ...params, year },
      columns: table.columns,
      rows: [...table.rows, ...missing.map((m) => missingRow(m))],
      truncated: list.truncated,
      notes: [`${year ?? "—"}年度各机关当前版本报告；“缺报”为上年度报送、本年度未见报告的机关。`, ...notesOf(ids)],
      metrics: ids,
    };
  },

  detail: async (db, filter, scope, params, detail) => {
    const ids = params.metric ? [params.metric] : ["applications.received", "outcomes.openRate"];
    const shown = ids.filter((id) => getMetric(id).source === "cells");
    const limit = detail ? DETAIL_LIMIT_EXPORT : DETAIL_LIMIT_VIEW;
    const subset = findDetailSubset(params.metric);
    const notes = [...(subset ? [`明细：${subset.label}。`] : []), ...notesOf(ids)];
    if (subset?.only === "missing") {
      const missing = await listMissingAgencies(db, filter, scope, { year: params.year, group: params.group, limit });
      const table = reportRowsTable([], shown);
      return { ...table, rows: missing.map((m) => missingRow(m)), notes, metrics: ids };
    }
    const list = await listReportRows(db, filter, scope, {
      metricIds: shown,
      year: params.year,
      group: params.group,
      only: subset?.only,
      limit,
    });
    return { ...reportRowsTable(list.rows, shown), truncated: list.truncated, notes, metrics: ids };
  },
};

function pickComparable(metric: string | undefined): string {
  if (metric && METRIC_BY_ID.has(metric)) return metric;
  return COMPARABLE_METRIC_IDS[0];
}

/** An agency with no report for the year, as a row of the report lists. */
function missingRow(m: MissingAgencyRow): Record<string, CellValue> {
  return {
    agencyId: m.agencyId,
    agency: m.agency,
    region: m.region,
    kind: null,
    year: m.year,
    flags: "缺报",
    reportId: null,
  };
}

function flagsOf(r: ReportRow): string {
  const flags: string[] = [];
  if (r.daysLate) flags.push(`逾期${r.daysLate}天`);
  if (r.daysLate === null) flags.push("发布日期不详");
  if (!r.checksPassed) flags.push("勾稽不符");
  if (r.issueCount) flags.push(`问题${r.issueCount}条`);
  return flags.join("、");
}

function reportRowsTable(rows: ReportRow[], metricIds: readonly string[]): Pick<Built, "columns" | "rows"> {
  return {
    columns: [
      col("agency", "机关", "text"),
      col("region", "地区", "text"),
      col("kind", "机关类型", "text"),
      YEAR_COL,
      col("layout", "表格版式", "text"),
      ...metricIds.map((id) => metricCol(id, id)),
      col("publishedAt", "发布日期", "text"),
      col("deadline", "法定期限", "text"),
      col("daysLate", "逾期天数", "number", "天"),
      col("checksPassed", "勾稽校验通过", "boolean"),
      col("issueCount", "问题条数", "number", "条"),
      col("flags", "质量标记", "text"),
      col("agencyId", "机关编号", "number"),
      col("reportId", "报告编号", "number"),
    ],
    rows: rows.map((r) => ({
      agency: r.agency,
      region: r.region,
      kind: AGENCY_KIND_NAMES[r.kind as keyof typeof AGENCY_KIND_NAMES] ?? r.kind,
      year: r.year,
      layout: r.layout ? `${r.layout} 版` : null,
      ...Object.fromEntries(metricIds.map((id) => [id, r.values[id] ?? null])),
      publishedAt: r.publishedAt,
      deadline: r.deadline,
      daysLate: r.daysLate,
      checksPassed: r.checksPassed,
      issueCount: r.issueCount,
      flags: flagsOf(r),
      agencyId: r.agencyId,
      reportId: r.reportId,
    })),
  };
}

async function agencyNames(db: Db, filter: DashboardFilter, scope: Scope, year?: number): Promise<Map<string, string>> {
  const rows = await selectRows<{ id: number; name: string }>(
    db,
    sql`select distinct a.id, a.name from agencies a join ${reportValues} on ${reportValues.agencyId} = a.id
        where ${buildFilterCondition(year ? { ...filter, from: year, to: year } : filter, scope)}`,
  );
  return new Map(rows.map((r) => [String(r.id), r.name]));
}

/** The chart's data straight from the database (no cache); `getChartTable` is the cached entry point. */
export async function buildChartTable(
  db: Db,
  chart: ChartId,
  filter: DashboardFilter,
  scope: Scope,
  params: ChartParams = {},
  rowsKind: "view" | "detail" = "view",
) {
  if (rowsKind === "detail" && chart !== "detail") {
    const view = await builders[chart](db, filter, scope, params, false);
    const ids = view.metrics.filter((id) => getMetric(id).source === "cells");
    const list = await listReportRows(db, filter, scope, {
      metricIds: ids,
      year: chart === "children" ? (view.params?.year ?? params.year) : params.year,
      group: params.group,
      limit: DETAIL_LIMIT_EXPORT,
    });
    return {
      ...view,
      ...reportRowsTable(list.rows, ids),
      truncated: list.truncated,
      notes: ["明细：图表所依据的每一份机关年度报告（当前版本）。", ...view.notes],
    };
  }
  return builders[chart](db, filter, scope, params, rowsKind === "detail");
}

/** The chart's table; `rows: "detail"` returns every agency-year report behind the chart instead. */
export async function getChartTable(
  db: Db,
  chart: ChartId,
  filter: DashboardFilter,
  scope: Scope,
  params: ChartParams = {},
  rowsKind: "view" | "detail" = "view",
): Promise<ChartTable> {
  const key = JSON.stringify([chart, filter, scope, params, rowsKind]);
  const { value, version } = await cachedByVersion(db, key, () =>
    buildChartTable(db, chart, filter, scope, params, rowsKind),
  );
  return {
    chart,
    title: CHART_TITLES[chart],
    filter,
    params: value.params ?? params,
    columns: value.columns,
    rows: value.rows,
    notes: value.notes,
    metrics: value.metrics,
    rowsKind,
    truncated: value.truncated,
    datasetVersion: version,
    generatedAt: new Date().toISOString(),
  };
}

/** Chinese description of a filter, for export headers and the 说明 sheet. */
export function describeFilter(filter: DashboardFilter): string {
  const parts = [
    `地区：${filter.region ? (findRegionByCode(filter.region)?.path.join(" › ") ?? filter.region) : "全国"}`,
    `年度：${filter.from ?? "不限"}–${filter.to ?? "不限"}`,
    `机关类型：${filter.kind ? AGENCY_KIND_NAMES[filter.kind] : "全部"}`,
    `表格版式：${filter.layout ? `${filter.layout} 版` : "全部"}`,
  ];
  return parts.join("；");
}
