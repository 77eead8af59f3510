// CJK Radicals Supplement characters that PDF fonts map common ideographs to; Unicode gives them no decomposition.
const SUPPLEMENT: Record<string, string> = {
  "⺁": "厂",
  "⺊": "卜",
  "⺌": "小",
  "⺎": "兀",
  "⺒": "巳",
  "⺓": "幺",
  "⺗": "心",
  "⺝": "月",
  "⺟": "母",
  "⺠": "民",
  "⺢": "氺",
  "⺧": "牛",
  "⺩": "王",
  "⺪": "疋",
  "⺬": "示",
  "⺮": "竹",
  "⺳": "网",
  "⺶": "羊",
  "⺺": "聿",
  "⺼": "肉",
  "⺽": "臼",
  "⻁": "虎",
  "⻃": "襾",
  "⻄": "西",
  "⻅": "见",
  "⻆": "角",
  "⻉": "贝",
  "⻊": "足",
  "⻋": "车",
  "⻑": "長",
  "⻓": "长",
  "⻔": "门",
  "⻗": "雨",
  "⻘": "青",
  "⻙": "韦",
  "⻚": "页",
  "⻛": "风",
  "⻜": "飞",
  "⻝": "食",
  "⻢": "马",
  "⻣": "骨",
  "⻤": "鬼",
  "⻥": "鱼",
  "⻦": "鸟",
  "⻧": "卤",
  "⻨": "麦",
  "⻩": "黄",
  "⻪": "黾",
  "⻬": "齐",
  "⻮": "齿",
  "⻰": "龙",
  "⻳": "龟",
};
const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/;
const RADICALS = /[\u2e80-\u2eff\u2f00-\u2fdf]/g;

/**
 * Text extracted from PDFs often carries Kangxi radicals and radical-supplement characters where the page shows
 * ordinary ideographs ("⼈⺠政府" for 人民政府): the font's Unicode map points at the radical. Maps them back.
 */
export function normaliseRadicals(text: string): string {
  if (!RADICAL.test(text)) return text;
  return text.replace(RADICALS, (ch) => SUPPLEMENT[ch] ?? ch.normalize("NFKC"));
}
