import { COMPARABLE_METRIC_IDS } from "@/lib/metrics";

/**
 * The metric the children chart and heatmap compare: the chosen one when it is comparable, else the first. The page,
 * its workbook and the chart endpoints all apply this one rule.
 */
export function pickComparedMetric(metric: string | null | undefined): string {
  return metric && (COMPARABLE_METRIC_IDS as readonly string[]).includes(metric) ? metric : COMPARABLE_METRIC_IDS[0];
}
