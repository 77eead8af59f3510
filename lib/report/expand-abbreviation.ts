import { PLACE_SUFFIX } from "./clean-agency-name";

const LEVEL_PLACE = /^[\u4e00-\u9fff]{0,12}?(?:省|市|县|区|旗|州|盟)/;
// The last character of an abbreviation stands for the ending of the full name: 委 → 委员会, 办 → 办公室.
const ENDINGS: Record<string, string> = { 委: "委(?:员会)?", 办: "办(?:公室)?" };

/**
 * True when `short` abbreviates `full`: shorter, its characters appear in order in `full`, and its last
 * character is in the ending of `full` ("沭阳县发改局" / "沭阳县发展和改革局", "市发改委" / "…市发展和改革委员会").
 */
export function isAbbreviationOf(short: string, full: string): boolean {
  if (short.length >= full.length || short.length < 3) return false;
  if (!full.slice(-3).includes(short[short.length - 1])) return false;
  let at = 0;
  for (const c of short) {
    at = full.indexOf(c, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

/**
 * The full name the text gives for an abbreviated agency name ("沭阳县发改局" → "沭阳县发展和改革局"): the place
 * kept as written, the rest spelt out with up to four characters between the abbreviation's own. The most
 * frequent spelling wins; null when the text has none.
 */
export function findFullName(short: string, text: string): string | null {
  const place = LEVEL_PLACE.exec(short)?.[0] ?? "";
  const rest = short.slice(place.length);
  if (rest.length < 2 || rest.length > 6 || PLACE_SUFFIX.test(short)) return null;
  const chars = [...rest];
  const last = chars.pop()!;
  const body = chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\u4e00-\\u9fff]{0,4}?");
  const pattern = new RegExp(
    `${place.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${body}[\\u4e00-\\u9fff]{0,4}?${ENDINGS[last] ?? last}`,
    "g",
  );
  const counts = new Map<string, number>();
  for (const m of text.slice(0, 30000).matchAll(pattern)) {
    if (m[0].length > short.length && isAbbreviationOf(short, m[0])) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [name, n] of counts) if (!best || n > counts.get(best)!) best = name;
  return best;
}
