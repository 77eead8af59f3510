export {
  aggregateCellMetric,
  appliesTo,
  appliesToYear,
  computeChange,
  divide,
  EMPTY_VALUE,
  evaluateQualityMetric,
  formatChange,
  formatMetricValue,
  formatNumber,
  judgeChange,
  type MetricChange,
  type MetricValue,
  type ReportCells,
  sumCells,
} from "./compute";
export {
  COMPARABLE_METRIC_IDS,
  getMetric,
  isRatio,
  METRIC_BY_ID,
  METRICS,
} from "./definitions";
export {
  APPLICANT_TYPES,
  DENIED_REASONS,
  OUTCOME_CATEGORIES,
  REVIEW_BLOCK_NAMES,
  REVIEW_RESULTS,
} from "./metric-labels";
export type { CellMetric, MetricDef, MetricGroup, MetricUnit, QualityMetric, QualitySums } from "./metric-types";
export { computeQualitySums, daysLate, isOnTime, type ReportQualityFacts } from "./quality";
