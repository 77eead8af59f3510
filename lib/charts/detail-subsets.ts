/**
 * Quality figures whose detail list is a subset of the reports: the ones the figure counts (late, failing checks)
 * or, for 缺报, the agencies with no report at all. A rate lists the reports that lower it.
 */
export type DetailSubset = { only: "late" | "failing" | "missing"; label: string };

export const DETAIL_SUBSETS: Readonly<Record<string, DetailSubset>> = {
  "quality.late": { only: "late", label: "逾期发布的报告" },
  "quality.onTimeRate": { only: "late", label: "逾期发布的报告（拉低按时发布率的报告）" },
  "quality.checksPassedRate": { only: "failing", label: "勾稽校验未通过的报告（拉低通过率的报告）" },
  "quality.missing": { only: "missing", label: "缺报机关（上年度报送、本年度未见报告）" },
  "quality.completeness": { only: "missing", label: "缺报机关（拉低报送率的机关）" },
};

export function findDetailSubset(metricId: string | null | undefined): DetailSubset | undefined {
  return metricId ? DETAIL_SUBSETS[metricId] : undefined;
}
