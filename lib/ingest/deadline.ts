import "server-only";
import type { AgencyKind } from "@/lib/report/schema";

/** 条例第四十九条: departments by 31 January, 本级人民政府 (and townships) by 31 March of the next year. */
export function computeDeadline(year: number, kind: AgencyKind): string {
  return kind === "government" || kind === "township" ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}
