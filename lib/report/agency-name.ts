import type { AgencyKind } from "./schema";

// Not 行政机关: legislatures, CPPCC, courts, procuratorates, party organs, enterprises, schools, hospitals.
const OTHER_BODY =
  /人民代表大会|人大常委会|政治协商会议|政协(?!调)|人民法院|人民检察院|^中共|^中国共产党|党委|纪律检查委员会|公司|集团|大学|学院|学校|医院/;
const TOWNSHIP = /(?:镇|乡|苏木|街道)(?:人民政府|政府)?$|街道办事处$|街道办$/;
const GOVERNMENT = /(?:人民政府|[省市县区州盟旗]政府|行政公署)$|^国务院$/;
const DEPARTMENT =
  /(?:厅|局|委员会|委|办公室|办公厅|办|中心|管委会|署|处|所|站|队|院|部|室|会|馆|社|司|总局|分局|政府办)$/;

/**
 * What kind of 行政机关 an agency is, which decides its report deadline: 本级人民政府 ("淮安市洪泽区人民政府"),
 * 乡镇街道 ("…镇人民政府", "…街道办事处"), 政府部门 ("…局", "…人民政府办公室", "…管委会"), or other.
 */
export function classifyAgencyKind(name: string): AgencyKind {
  const clean = normaliseAgencyName(name);
  if (!clean) return "other";
  if (OTHER_BODY.test(clean)) return "other";
  if (TOWNSHIP.test(clean)) return "township";
  if (GOVERNMENT.test(clean)) return "government";
  if (DEPARTMENT.test(clean)) return "department";
  return "other";
}

/**
 * A key for matching the same agency across reports: NFKC (full-width → half-width), no whitespace,
 * punctuation or symbols (brackets are dropped, their content kept), "中国共产党" → "中共",
 * "管委会" → "管理委员会", and a bare "X市政府"/"X县政府" → "X市人民政府". Nothing else is rewritten.
 */
export function normaliseAgencyName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]+/gu, "")
    .replace(/^中国共产党/, "中共")
    .replace(/管委会/g, "管理委员会")
    .replace(/(?<!人民)(?<=[省市县区州盟旗])政府/g, "人民政府");
}
