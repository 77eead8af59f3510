/** Normalisation of printed number cells: full-width forms, separators, signs, dashes, units. */

export type CellValue =
  | { kind: "number"; value: number; unit?: "元" | "万元" }
  | { kind: "blank"; printed: string }
  | { kind: "unreadable"; printed: string };

const FULL_WIDTH = /[\uff01-\uff5e]/g;
const WIDE = /[\uff01-\uff5e\u3000]/;

/** Full-width ASCII (０-９ ． ， ＋ －…) to half-width; other characters untouched. */
export function toHalfWidth(s: string): string {
  if (!WIDE.test(s)) return s;
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

const BLANK_MARKERS = new Set([
  "",
  "-",
  "—",
  "——",
  "–",
  "―",
  "─",
  "－",
  "/",
  "／",
  "\\",
  "无",
  "空",
  "--",
  "---",
  "—-",
  "_",
  "×",
  "*",
]);
const UNIT_SUFFIX = /(件|个|项|条|次|家|人次|笔|宗|起|份|人)$/;

/** The ideographs a value cell may hold: units, 零, and the blank markers 无 and 空. */
const VALUE_IDEOGRAPHS = new Set([..."万元件个项条次家人笔宗起份零无空"].map((c) => c.charCodeAt(0)));

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A character no blank marker holds (a digit, a letter, an ideograph but 无 and 空): most cells and labels have one. */
function holdsNonMarker(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 48 && c <= 57) || isLetter(c)) return true;
    if (c >= 0x4e00 && c <= 0x9fff && c !== 0x65e0 && c !== 0x7a7a) return true;
  }
  return false;
}

/** A character no value cell holds (a letter, an ideograph other than a unit, 零, 无 or 空): labels fail here. */
function holdsNonValue(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isLetter(c) || (c >= 0x4e00 && c <= 0x9fff && !VALUE_IDEOGRAPHS.has(c))) return true;
  }
  return false;
}

export function isBlankMarker(raw: string): boolean {
  if (holdsNonMarker(raw)) return false;
  return BLANK_MARKERS.has(raw.replace(/[\s\u00a0]+/g, ""));
}

/** Plain ASCII digits, the common case: what the full path below returns for them, without its regexes. */
function isPlainDigits(raw: string): boolean {
  if (raw.length === 0 || raw.length > 15) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Parses one printed cell. Returns the number as printed (money keeps its unit for the caller to convert). */
export function parseCell(raw: string): CellValue {
  if (isPlainDigits(raw)) return { kind: "number", value: Number(raw), unit: undefined };
  if (holdsNonValue(raw)) return { kind: "unreadable", printed: raw.trim() };
  let s = toHalfWidth(raw).replace(/[\s\u00a0\u200b]+/g, "");
  if (BLANK_MARKERS.has(s)) return { kind: "blank", printed: raw.trim() };
  let unit: "元" | "万元" | undefined;
  const money = /(万元|元)$/.exec(s);
  if (money) {
    unit = money[1] as "元" | "万元";
    s = s.slice(0, -money[1].length);
  } else {
    s = s.replace(UNIT_SUFFIX, "");
  }
  s = s.replace(/[−–—]/g, "-");
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  if (/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(s)) {
    const value = Number(s);
    if (Number.isFinite(value)) return { kind: "number", value: value === 0 ? 0 : value, unit };
  }
  if (s === "零") return { kind: "number", value: 0, unit };
  return { kind: "unreadable", printed: raw.trim() };
}

/** True when a grid cell holds a value (a number, a dash, a blank) rather than a label. */
export function isValueLike(raw: string): boolean {
  const c = parseCell(raw);
  return c.kind !== "unreadable";
}

/** Converts a money amount to 万元. */
export function toWanYuan(value: number, unit: "元" | "万元"): number {
  return unit === "元" ? Number.parseFloat((value / 10000).toPrecision(12)) : value;
}
