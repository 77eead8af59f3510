import { METRIC_BY_ID } from "@/lib/metrics";

/** The 口径 notes of the metrics, "名称：说明", each once, for a chart's notes and the 说明 sheet. */
export function listMetricNotes(metricIds: readonly string[]): string[] {
  const notes = new Set<string>();
  for (const id of metricIds) {
    const metric = METRIC_BY_ID.get(id);
    if (metric?.note) notes.add(`${metric.name}：${metric.note}`);
  }
  return [...notes];
}
