import { type ApplicationRowKey, type Layout, OTHER_HANDLING_SUB_ROWS } from "../schema";
import type { Cells } from "./types";

const LAYOUT_2019 =
  /本年新制作|本年新公开|对外公开总数|上一年项目数|增\s*\/\s*减|其他对外管理服务|政府集中采购|采购总金额|采购项目数/g;
const LAYOUT_2021 = /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额/g;

/** The layout whose table A header words the text holds more of; null on a tie. */
export function detectLayoutFromHeaders(text: string): Layout | null {
  const count2019 = text.match(LAYOUT_2019)?.length ?? 0;
  const count2021 = text.match(LAYOUT_2021)?.length ?? 0;
  if (count2019 === count2021) return null;
  return count2019 > count2021 ? "2019" : "2021";
}

/** The layout table B's （六）其他处理 rows belong to: three sub-rows (2021) or one row (2019). */
export function detectLayoutFromRows(applications: Partial<Record<ApplicationRowKey, Cells>>): Layout | null {
  if (OTHER_HANDLING_SUB_ROWS.some((k) => applications[k])) return "2021";
  if (applications.otherHandling) return "2019";
  return null;
}
