import type { IssueList } from "../issues";
import type { TableKey } from "../official-layout";
import { describeCell, labelActiveRow, labelReviewBlock, TABLE_NUMBERS } from "../official-layout";
import {
  ACTIVE_ROW_KEYS,
  ACTIVE_ROWS,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  type ApplicationRowKey,
  type Layout,
  OTHER_HANDLING_SUB_ROWS,
  REVIEW_BLOCK_KEYS,
} from "../schema";
import type { TablesResult } from "./types";

/** Tables not found, and rows of the layout a found table does not print. */
export function reportMissing(t: TablesResult, layout: Layout | null, issues: IssueList): void {
  for (const key of ["active", "applications", "review"] as TableKey[]) {
    // Table 四's cells live under its three blocks; the issue names each of them.
    const cells = key === "review" ? [...REVIEW_BLOCK_KEYS] : [key];
    if (!t.regions[key]) issues.add("MISSING_SECTION", "error", `未找到${describeCell(key)}`, cells);
  }
  if (!layout) return;
  if (t.regions.active) {
    for (const key of ACTIVE_ROW_KEYS) {
      if (ACTIVE_ROWS[key].columns[layout].length === 0 || t.active[key]) continue;
      issues.add("MISSING_ROW", "warning", `${TABLE_NUMBERS.active}缺少“${labelActiveRow(key, layout)}”行`, [
        `active.${key}`,
      ]);
    }
  }
  if (t.regions.applications) {
    const apps = t.applications;
    const hasSubRows = OTHER_HANDLING_SUB_ROWS.some((k) => apps[k]);
    const missing: ApplicationRowKey[] = APPLICATION_ROW_KEYS.filter(
      (key) =>
        !apps[key] &&
        (APPLICATION_ROWS[key].layouts as readonly Layout[]).includes(layout) &&
        !(key === "otherHandling" && hasSubRows),
    );
    if (missing.length > 0) {
      issues.add(
        "MISSING_ROW",
        "warning",
        `${TABLE_NUMBERS.applications}缺少 ${missing.length} 行：${missing.map((k) => APPLICATION_ROWS[k].label).join("；")}`,
        missing.map((k) => `applications.${k}`),
      );
    }
  }
  if (t.regions.review) {
    const absent = REVIEW_BLOCK_KEYS.filter((b) => !t.review[b]);
    if (absent.length > 0) {
      issues.add(
        "MISSING_ROW",
        "warning",
        `${TABLE_NUMBERS.review}缺少：${absent.map(labelReviewBlock).join("、")}`,
        absent,
      );
    }
  }
}
