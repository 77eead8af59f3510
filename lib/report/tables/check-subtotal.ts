import type { IssueList } from "../issues";
import { normaliseLabel } from "../labels";
import { labelApplicationGroup, TABLE_NUMBERS } from "../official-layout";
import {
  APPLICANT_COLUMN_LABELS,
  APPLICATION_ROW_KEYS,
  type ApplicantColumn,
  type ApplicationRowKey,
  OTHER_HANDLING_SUB_ROWS,
} from "../schema";
import type { ApplicantSlot, Cells } from "./types";

const rowsStartingWith = (prefix: string) => APPLICATION_ROW_KEYS.filter((k) => k.startsWith(prefix));
const GROUPS: { re: RegExp; keys: readonly ApplicationRowKey[] }[] = [
  { re: /不予公开/, keys: rowsStartingWith("denied") },
  { re: /无法提供/, keys: rowsStartingWith("unable") },
  { re: /不予处理/, keys: rowsStartingWith("notHandled") },
  { re: /其他处理/, keys: OTHER_HANDLING_SUB_ROWS },
];

/** A group's 小计 row against the sum of the group's items, column by column. */
export function checkSubtotal(
  label: string,
  values: number[],
  columns: ApplicantSlot[],
  out: Partial<Record<ApplicationRowKey, Cells>>,
  issues: IssueList,
): void {
  const norm = normaliseLabel(label);
  let group: (typeof GROUPS)[number] | undefined;
  let best = -1;
  for (const g of GROUPS) {
    const m = g.re.exec(norm);
    if (m && m.index > best) {
      best = m.index;
      group = g;
    }
  }
  if (!group?.keys.every((k) => out[k])) return;
  const bad: ApplicantColumn[] = [];
  columns.forEach((column, i) => {
    if (column === "_subtotal") return;
    let sum = 0;
    for (const k of group.keys) {
      const value = out[k]?.[column];
      if (typeof value !== "number") return;
      sum += value;
    }
    if (sum !== values[i]) bad.push(column);
  });
  if (bad.length > 0) {
    const named = bad.map((c) => `“${APPLICANT_COLUMN_LABELS[c]}”`).join("、");
    issues.add(
      "SUBTOTAL_MISMATCH",
      "warning",
      `${TABLE_NUMBERS.applications}“${labelApplicationGroup(group.keys[0])}”小计行与其分项之和不符（${named}列）`,
      bad.flatMap((c) => group.keys.map((k) => `applications.${k}.${c}`)),
    );
  }
}
