import type { IssueList } from "../issues";
import { TABLE_NUMBERS } from "../official-layout";
import { APPLICANT_COLUMNS, APPLICATION_ROWS, type Layout, OTHER_HANDLING_SUB_ROWS } from "../schema";
import type { TablesResult } from "./types";

/** A 2021 table printed with the single 2019 （六）其他处理 row: all-zero means each 2021 sub-row is zero too. */
export function deriveOtherSubRows(t: TablesResult, layout: Layout | null, issues: IssueList): void {
  const apps = t.applications;
  const single = apps.otherHandling;
  if (layout !== "2021" || !single || OTHER_HANDLING_SUB_ROWS.some((k) => apps[k])) return;
  const paths = OTHER_HANDLING_SUB_ROWS.map((k) => `applications.${k}`);
  const printed = `${TABLE_NUMBERS.applications}按2019年版只列出一行“${APPLICATION_ROWS.otherHandling.label}”`;
  if (APPLICANT_COLUMNS.every((c) => single[c] === 0)) {
    for (const k of OTHER_HANDLING_SUB_ROWS) apps[k] = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, 0]));
    issues.add("IMPLIED_VALUE", "info", `${printed}且全部为0，2021年版的三个分项据此均为0`, paths);
  } else {
    issues.add("LAYOUT_MIXED", "warning", `${printed}，无法拆分为2021年版的三个分项`, paths);
  }
}
