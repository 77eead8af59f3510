import type { AgencyKind } from "@/lib/report/schema";
import type { Rng } from "./rng";

/** The part of a GB/T 2260 region the generator needs (lib/regions' `Region` fits). */
export type RegionLike = { code: string; name: string; level: number; parentCode: string | null; path: string[] };

/** A few real regions (code and name, parents before children), used until a caller passes lib/regions' list. */
const BUILT_IN_REGION_LIST = `
  230000 黑龙江省 231000 牡丹江市 231002 东安区 231085 穆棱市
  320000 江苏省 320800 淮安市 320813 洪泽区 320826 涟水县 321300 宿迁市 321322 沭阳县 321324 泗洪县 320500 苏州市 320583 昆山市
  350000 福建省 350100 福州市 350128 平潭县 350121 闽侯县
  330000 浙江省 330100 杭州市 330106 西湖区 330200 宁波市 330212 鄞州区
  440000 广东省 440100 广州市 440106 天河区 440300 深圳市 440305 南山区
  510000 四川省 510100 成都市 510104 锦江区
  420000 湖北省 420100 武汉市 420106 武昌区
  370000 山东省 370200 青岛市 370202 市南区
  610000 陕西省 610100 西安市 610113 雁塔区
`;

/** A GB/T 2260 code's level and parent: 省 xx0000, 市 xxxx00 under its province, 县 under its prefecture. */
function placeCode(code: string): { level: number; parentCode: string | null } {
  if (code.endsWith("0000")) return { level: 1, parentCode: null };
  if (code.endsWith("00")) return { level: 2, parentCode: `${code.slice(0, 2)}0000` };
  return { level: 3, parentCode: `${code.slice(0, 4)}00` };
}

export const BUILT_IN_REGIONS: RegionLike[] = BUILT_IN_REGION_LIST.trim()
  .split(/\s+/)
  .flatMap((word, i, words) =>
    i % 2 === 0 ? [{ code: word, name: words[i + 1]!, ...placeCode(word), path: [] as string[] }] : [],
  );
for (const region of BUILT_IN_REGIONS) {
  const parent = BUILT_IN_REGIONS.find((r) => r.code === region.parentCode);
  const grand = parent && BUILT_IN_REGIONS.find((r) => r.code === parent.parentCode);
  region.path = [grand?.name, parent?.name, region.name].filter((n): n is string => Boolean(n));
}

const PROVINCE_DEPARTMENTS = [
  "教育厅",
  "财政厅",
  "生态环境厅",
  "自然资源厅",
  "住房和城乡建设厅",
  "交通运输厅",
  "农业农村厅",
  "人力资源和社会保障厅",
  "发展和改革委员会",
  "卫生健康委员会",
  "市场监督管理局",
  "民政厅",
  "司法厅",
];
const LOCAL_DEPARTMENTS = [
  "教育局",
  "财政局",
  "生态环境局",
  "自然资源和规划局",
  "住房和城乡建设局",
  "交通运输局",
  "农业农村局",
  "人力资源和社会保障局",
  "发展和改革局",
  "发展和改革委员会",
  "卫生健康委员会",
  "市场监督管理局",
  "民政局",
  "司法局",
  "应急管理局",
  "审计局",
  "统计局",
  "水利局",
  "商务局",
  "文化广电和旅游局",
  "退役军人事务局",
  "医疗保障局",
];
const TOWNSHIP_NAMES = ["城关", "新华", "东湖", "南湖", "青山", "永丰", "白马", "龙泉", "桥头", "柳河", "石桥", "三河"];

export type Agency = {
  name: string;
  kind: AgencyKind;
  /** 1 province, 2 prefecture, 3 county — the level of the government the agency belongs to; 4 township. */
  level: 1 | 2 | 3 | 4;
  region: { code: string; path: string[] };
};

/** A plausible agency of a random region: 本级人民政府, one of its departments, or a 乡镇/街道. */
export function pickAgency(rng: Rng, regions: readonly RegionLike[]): Agency {
  // Functional zones (county digits 7x–9x) are run by 管委会, not by a 人民政府 with departments.
  const usable = regions.filter(
    (r) => r.level >= 1 && r.level <= 3 && r.path.length > 0 && !/^\d{4}[7-9]\d$/.test(r.code),
  );
  const pool = usable.length > 0 ? usable : BUILT_IN_REGIONS;
  // Draw the level first: a uniform pick would be almost always a county.
  const level0 = rng.pickWeighted([
    [1, 1],
    [2, 3],
    [3, 6],
  ] as const);
  const atLevel = pool.filter((r) => r.level === level0);
  const region = rng.pick(atLevel.length > 0 ? atLevel : pool);
  const level = Math.min(3, Math.max(1, region.level)) as 1 | 2 | 3;
  const ref = { code: region.code, path: [...region.path] };
  const kind = rng.pickWeighted<AgencyKind>([
    ["department", 6],
    ["government", 3],
    ["township", level === 3 ? 2 : 0],
  ]);
  if (kind === "government") {
    // A district often names its city first, as 淮安市洪泽区人民政府 does.
    const withParent = level === 3 && region.name.endsWith("区") && region.path.length >= 2 && rng.chance(0.4);
    const prefix = withParent ? region.path[region.path.length - 2] : "";
    return { name: `${prefix}${region.name}人民政府`, kind, level, region: ref };
  }
  if (kind === "township") {
    const town = rng.pick(TOWNSHIP_NAMES);
    const unit = rng.pickWeighted([
      ["镇人民政府", 4],
      ["街道办事处", 3],
      ["乡人民政府", 1],
    ] as const);
    const prefix = rng.chance(0.5) ? region.name : "";
    return { name: `${prefix}${town}${unit}`, kind, level: 4, region: ref };
  }
  // Municipalities (北京市…) name their departments like cities do: 北京市教育委员会, not 教育厅.
  const provincial = level === 1 && !region.name.endsWith("市");
  const department = rng.pick(provincial ? PROVINCE_DEPARTMENTS : LOCAL_DEPARTMENTS);
  return { name: `${region.name}${department}`, kind, level, region: ref };
}
