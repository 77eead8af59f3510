import { OUTCOMES_GROUP_LABEL, TABLE_NUMBERS } from "@/lib/report/official-layout";
import { APPLICANT_COLUMN_LABELS, APPLICATION_ROWS, type Layout, REVIEW_COLUMN_LABELS } from "@/lib/report/schema";
import {
  APPLICANT_TYPES,
  DENIED_REASONS,
  OUTCOME_CATEGORIES,
  REVIEW_BLOCK_NAMES,
  REVIEW_RESULTS,
} from "./metric-labels";
import type { CellMetric, MetricDef, MetricUnit, QualityMetric } from "./metric-types";

const BOTH: readonly Layout[] = ["2019", "2021"];
const TOTAL = APPLICANT_COLUMN_LABELS.total;
const L2019: readonly Layout[] = ["2019"];
const L2021: readonly Layout[] = ["2021"];

const total = (row: string) => `applications.${row}.total`;
const PROCESSED = [total("processedTotal")];

const OTHER_NOTE =
  "2019 版表格“（六）其他处理”为一行；2021 版拆为逾期不补正、逾期未缴费、其他三行，此处合计三行，两版可比。";
const CORRECTION_NOTE =
  "纠错率 = 结果纠正 ÷（结果维持 + 结果纠正 + 其他结果），即已审结案件中被纠正的比例，不含尚未审结案件；与以“总计”为分母的口径不同。";

function applicationMetrics(): CellMetric[] {
  const metrics: CellMetric[] = [
    {
      id: "applications.received",
      source: "cells",
      name: "新收申请",
      group: "applications",
      unit: "件",
      definition: `${TABLE_NUMBERS.applications}“${APPLICATION_ROWS.received.label}”${TOTAL}列之和。`,
      numerator: [total("received")],
      layouts: BOTH,
      note: "取报告所印“总计”，与各申请人类型之和不一致时以所印为准并记入质量问题。",
    },
    ...APPLICANT_TYPES.map(
      (t): CellMetric => ({
        id: `applications.received.${t.key}`,
        source: "cells",
        name: `新收申请·${t.name}`,
        group: "applications",
        unit: "件",
        definition: `${TABLE_NUMBERS.applications}“${APPLICATION_ROWS.received.label}”${t.name}列之和。`,
        numerator: [`applications.received.${t.key}`],
        layouts: BOTH,
      }),
    ),
    {
      id: "applications.carriedOver",
      source: "cells",
      name: "上年结转",
      group: "applications",
      unit: "件",
      definition: `${TABLE_NUMBERS.applications}“${APPLICATION_ROWS.carriedOver.label}”${TOTAL}列之和。`,
      numerator: [total("carriedOver")],
      layouts: BOTH,
    },
    {
      id: "applications.processed",
      source: "cells",
      name: "办结",
      group: "applications",
      unit: "件",
      definition: `${TABLE_NUMBERS.applications}“${OUTCOMES_GROUP_LABEL}${APPLICATION_ROWS.processedTotal.label}”${TOTAL}列之和。`,
      numerator: PROCESSED,
      layouts: BOTH,
    },
    {
      id: "applications.carriedForward",
      source: "cells",
      name: "结转下年度",
      group: "applications",
      unit: "件",
      definition: `${TABLE_NUMBERS.applications}“${APPLICATION_ROWS.carriedForward.label}”${TOTAL}列之和。`,
      numerator: [total("carriedForward")],
      layouts: BOTH,
    },
  ];
  return metrics;
}

function outcomeMetrics(): CellMetric[] {
  const metrics: CellMetric[] = [];
  for (const c of OUTCOME_CATEGORIES) {
    const cells = c.rows.map(total);
    const note = c.key === "other" ? OTHER_NOTE : undefined;
    metrics.push({
      id: `outcomes.${c.key}`,
      source: "cells",
      name: c.name,
      group: "outcomes",
      unit: "件",
      definition: `${TABLE_NUMBERS.applications}办理结果“${c.name}”${c.rows.length > 1 ? "各项" : ""}${TOTAL}列之和。`,
      numerator: cells,
      layouts: BOTH,
      note,
    });
    metrics.push({
      id: `outcomes.${c.key}.share`,
      source: "cells",
      name: `${c.name}占比`,
      group: "outcomes",
      unit: "%",
      definition: `“${c.name}”件数之和 ÷ “（七）总计”（办结）之和。`,
      numerator: cells,
      denominator: PROCESSED,
      layouts: BOTH,
      note: note ?? "比率为各报告分子之和 ÷ 分母之和（非各报告比率的平均）。",
    });
  }
  for (const r of DENIED_REASONS) {
    metrics.push({
      id: `outcomes.denied.${r.key}`,
      source: "cells",
      name: `不予公开·${r.name}`,
      group: "outcomes",
      unit: "件",
      definition: `${TABLE_NUMBERS.applications}“${APPLICATION_ROWS[r.key].label}”${TOTAL}列之和。`,
      numerator: [total(r.key)],
      layouts: BOTH,
    });
  }
  metrics.push({
    id: "outcomes.openRate",
    direction: "up-good",
    source: "cells",
    name: "公开率",
    group: "outcomes",
    unit: "%",
    definition: "（予以公开 + 部分公开）÷ 办结（“（七）总计”），各报告分子、分母分别求和后相除。",
    numerator: [total("granted"), total("partial")],
    denominator: PROCESSED,
    layouts: BOTH,
    note: "分母为办结件数，含不予公开、无法提供、不予处理、其他处理；不含结转下年度的申请。",
  });
  return metrics;
}

function activeMetric(
  row: string,
  col: string,
  name: string,
  unit: MetricUnit,
  layouts: readonly Layout[],
  extra: Partial<CellMetric> = {},
): CellMetric {
  return {
    id: `active.${row}.${col}`,
    source: "cells",
    name,
    group: "active",
    unit,
    definition: `${TABLE_NUMBERS.active}（主动公开）“${name}”之和。`,
    numerator: [`active.${row}.${col}`],
    layouts,
    ...extra,
  };
}

function activeMetrics(): CellMetric[] {
  const procurementNote = "仅 2019 版表格（报告年度 2019–2020）有此项；2021 版表格已取消，2021 年起无数据（不是 0）。";
  return [
    activeMetric("licensing", "previous", "行政许可·上一年项目数量", "项", L2019, { years: { to: 2020 } }),
    activeMetric("licensing", "change", "行政许可·本年增/减", "项", L2019, {
      years: { to: 2020 },
      note: "增减为带符号数，合计为各报告增减之和；仅 2019 版表格有此列。",
    }),
    activeMetric("licensing", "decisions", "行政许可·处理决定数量", "件", BOTH),
    activeMetric("penalty", "decisions", "行政处罚·处理决定数量", "件", BOTH),
    activeMetric("coercion", "decisions", "行政强制·处理决定数量", "件", BOTH),
    activeMetric("fees", "previous", "行政事业性收费·上一年项目数量", "项", L2019, { years: { to: 2020 } }),
    activeMetric("fees", "change", "行政事业性收费·本年增/减", "项", L2019, { years: { to: 2020 } }),
    activeMetric("fees", "amount", "行政事业性收费·本年收费金额", "万元", L2021, {
      years: { from: 2021 },
      note: "2021 版表格起填报收费金额（万元）；2019 版只填收费项目数量及增减，两者不可比。",
    }),
    activeMetric("procurement", "count", "政府集中采购·项目数量", "个", L2019, {
      years: { to: 2020 },
      note: procurementNote,
    }),
    activeMetric("procurement", "amount", "政府集中采购·总金额", "万元", L2019, {
      years: { to: 2020 },
      note: procurementNote,
    }),
  ];
}

function reviewMetrics(): CellMetric[] {
  const metrics: CellMetric[] = [];
  for (const [block, blockName] of Object.entries(REVIEW_BLOCK_NAMES)) {
    for (const r of [...REVIEW_RESULTS, { key: "total", name: REVIEW_COLUMN_LABELS.total }]) {
      metrics.push({
        id: `${block}.${r.key}`,
        source: "cells",
        name: `${blockName}·${r.name}`,
        group: "review",
        unit: "件",
        definition: `${TABLE_NUMBERS.review}“${blockName}”${r.name}列之和。`,
        numerator: [`${block}.${r.key}`],
        layouts: BOTH,
      });
    }
    metrics.push({
      id: `${block}.correctionRate`,
      direction: "up-bad",
      source: "cells",
      name: `${blockName}·纠错率`,
      group: "review",
      unit: "%",
      definition: `${blockName}：结果纠正 ÷（结果维持 + 结果纠正 + 其他结果）。`,
      numerator: [`${block}.corrected`],
      denominator: [`${block}.upheld`, `${block}.corrected`, `${block}.other`],
      layouts: BOTH,
      note: CORRECTION_NOTE,
    });
  }
  return metrics;
}

function qualityMetrics(): QualityMetric[] {
  const q = (m: Omit<QualityMetric, "source" | "group" | "layouts">): QualityMetric => ({
    ...m,
    source: "quality",
    group: "quality",
    layouts: BOTH,
  });
  return [
    q({
      id: "quality.received",
      name: "收到报告",
      unit: "份",
      definition: "当前版本年度报告份数。",
      numerator: "received",
    }),
    q({
      id: "quality.expected",
      name: "应报机关",
      unit: "个",
      definition: "本年度或上一年度报送过年度报告的机关数。",
      numerator: "expected",
      note: "以“上年报送过”推定应报；从未报送过的机关无从推定，不计入。",
    }),
    q({
      id: "quality.missing",
      direction: "up-bad",
      name: "缺报机关",
      unit: "个",
      definition: "上一年度报送过、本年度未报送的机关数。",
      numerator: "missing",
      note: "仅在数据中存在更晚年度报告时判断，避免把尚未汇集的年度整体算作缺报。",
    }),
    q({
      id: "quality.completeness",
      direction: "up-good",
      name: "报送率",
      unit: "%",
      definition: "收到报告 ÷ 应报机关。",
      numerator: "received",
      denominator: "expected",
    }),
    q({
      id: "quality.late",
      direction: "up-bad",
      name: "逾期发布",
      unit: "份",
      definition: "发布日期晚于法定期限的报告份数。",
      numerator: "late",
    }),
    q({
      id: "quality.onTimeRate",
      direction: "up-good",
      name: "按时发布率",
      unit: "%",
      definition: "发布日期不晚于法定期限的报告 ÷ 发布日期可识别的报告。",
      numerator: "onTime",
      denominator: "timed",
      note: "法定期限依《政府信息公开条例》第四十九条：部门 1 月 31 日，本级人民政府 3 月 31 日；发布日期不详的报告不计入分母。",
    }),
    q({
      id: "quality.checksPassedRate",
      direction: "up-good",
      name: "勾稽校验通过率",
      unit: "%",
      definition: "表内勾稽关系全部成立的报告 ÷ 收到报告。",
      numerator: "checksPassed",
      denominator: "received",
    }),
    q({
      id: "quality.issuesPerReport",
      direction: "up-bad",
      name: "每份报告问题数",
      unit: "条",
      definition: "解析与核验发现的问题条数之和 ÷ 收到报告。",
      numerator: "issues",
      denominator: "received",
    }),
  ];
}

export const METRICS: readonly MetricDef[] = [
  ...applicationMetrics(),
  ...outcomeMetrics(),
  ...activeMetrics(),
  ...reviewMetrics(),
  ...qualityMetrics(),
];

export const METRIC_BY_ID: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((m) => [m.id, m]));

export function getMetric(id: string): MetricDef {
  const metric = METRIC_BY_ID.get(id);
  if (!metric) throw new Error(`Unknown metric: ${id}`);
  return metric;
}

export function isRatio(metric: MetricDef): boolean {
  return metric.denominator !== undefined;
}

/** Metrics a supervisor can pick for the children comparison and heatmap. */
export const COMPARABLE_METRIC_IDS = [
  "applications.received",
  "applications.processed",
  "outcomes.openRate",
  "outcomes.denied.share",
  "active.licensing.decisions",
  "active.penalty.decisions",
  "review.total",
  "review.correctionRate",
  "litigationDirect.total",
  "quality.received",
  "quality.onTimeRate",
  "quality.checksPassedRate",
  "quality.issuesPerReport",
] as const;
