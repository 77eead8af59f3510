import type { Region } from "./region-tree";

// The 56 recognised ethnic groups (not places), plus 各 of "各族": stripped from 自治区/州/县/旗 names, longest first.
const ETHNIC_GROUPS =
  "乌孜别克 柯尔克孜 维吾尔 哈萨克 达斡尔 鄂温克 鄂伦春 塔吉克 塔塔尔 俄罗斯 土家 蒙古 布依 朝鲜 哈尼 傈僳 拉祜 东乡 纳西 景颇 仫佬 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 德昂 保安 裕固 独龙 赫哲 门巴 珞巴 基诺 高山 汉 回 藏 苗 彝 壮 满 侗 瑶 白 傣 黎 佤 畲 水 土 羌 怒 京 各"
    .split(" ")
    .sort((a, b) => b.length - a.length);

const AUTONOMY_SUFFIX = /自治(?:区|州|县|旗)$|(?<=族)区$/;
const PLAIN_SUFFIXES = ["特别行政区", "林区", "新区", "特区", "地区", "省", "市", "盟", "县", "区", "旗"];

// Short names that are ordinary words or department names; matching them bare would invent regions
// ("公安局" is not 公安县, "自然资源局" is not 资源县).
const COMMON_WORD_SHORT_NAMES = new Set(
  "公安 资源 合作 平安 和平 新华 东方 光明 友好 友谊 前进 向阳 红旗 工农 胜利 东风 新兴 城关 城中 城东 城西 城南 城北 新城 老城 开发 中心 中原 江南 江北 河东 河西 西区 东区 南区 北区 长安 永安 安定 太平 吉利 团结 民主 建设 复兴 新市 大通 白云 清河 互助 通道 振兴 新建 港口 海港 运河 长寿 安康 大方 方正 中方 惠农 惠民 富民 同心 解放 爱民 大观 共和 回民 太湖".split(
    " ",
  ),
);

function findEthnicEnding(rest: string): string | undefined {
  for (const group of ETHNIC_GROUPS) {
    // One-character groups (回, 水, 白…) only with 族, so that a place name ending in such a character survives.
    const forms = group.length === 1 ? [`${group}族`] : [`${group}族`, group];
    const form = forms.find((f) => rest.endsWith(f) && rest.length - f.length >= 2);
    if (form) return form;
  }
  return undefined;
}

function stripEthnicSuffix(name: string): string {
  let rest = name;
  for (let ending = findEthnicEnding(rest); ending; ending = findEthnicEnding(rest)) {
    rest = rest.slice(0, -ending.length);
  }
  // "鄂温克族" alone: the group is the place name; drop only the 族.
  return rest.endsWith("族") && rest.length > 2 ? rest.slice(0, -1) : rest;
}

/**
 * The short form of a region name ("淮安市" → "淮安", "延边朝鲜族自治州" → "延边", "平潭县" → "平潭"),
 * or null when the short form would be under 2 characters, a common word, or the unit is a
 * statistical functional zone (code county digits 7x: 开发区/新区… whose names contain their city's).
 */
export function deriveShortName(region: Pick<Region, "code" | "name">): string | null {
  const { code, name } = region;
  if (/^\d{4}7\d$/.test(code)) return null;
  let short: string | null = null;
  if (AUTONOMY_SUFFIX.test(name)) {
    short = stripEthnicSuffix(name.replace(AUTONOMY_SUFFIX, ""));
  } else {
    const suffix = PLAIN_SUFFIXES.find((s) => name.endsWith(s) && name.length - s.length >= 2);
    if (suffix) short = name.slice(0, -suffix.length);
  }
  if (!short || short === name || short.length < 2) return null;
  if (short.startsWith("市") || COMMON_WORD_SHORT_NAMES.has(short)) return null;
  return short;
}
