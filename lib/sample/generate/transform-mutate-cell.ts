import type { Rng } from "./rng";

/** What happens to one printed number of a statistics table. */
export type CellMutation = "changed" | "deleted" | "negated" | "extra" | "glued";
export const CELL_MUTATIONS: readonly CellMutation[] = ["changed", "deleted", "negated", "extra", "glued"];

export type MutatedText = { text: string; mutation: CellMutation; printed: string; value: number | null };

type Site = { start: number; end: number };

/** Numbers standing alone in a table cell: `<td>…12…</td>`, `| 12 |`, or a line of its own. */
function findCellNumbers(text: string): Site[] {
  const from = Math.max(0, text.search(/主动公开政府信息情况|信息内容/));
  const sites: Site[] = [];
  const patterns = [
    /(?<=<td[^>]*>(?:<[^>]+>|\s|&nbsp;)*)\d+(?:\.\d+)?(?=(?:<[^>]+>|\s|&nbsp;)*<\/td>)/gi,
    /(?<=\|[ \t]*)\d+(?:\.\d+)?(?=[ \t]*\|)/g,
    /(?<=^|\n)[ \t]*\d+(?:\.\d+)?[ \t]*(?=\r?\n)/g,
  ];
  for (const re of patterns) {
    for (const m of text.slice(from).matchAll(re)) {
      const lead = m[0].length - m[0].trimStart().length;
      const start = from + m.index + lead;
      sites.push({ start, end: start + m[0].trim().length });
    }
    if (sites.length > 0) break;
  }
  return sites;
}

/**
 * One printed number of a rendered report's tables altered the way a typist, an OCR pass or a converter alters it:
 * another number, deleted, negated, a stray extra number beside it, or glued to the next one. `value` is what a
 * right reading of the altered cell gives (`null` when it cannot be read right, only named).
 */
export function mutateCell(text: string, rng: Rng, mutation: CellMutation): MutatedText | null {
  const sites = findCellNumbers(text);
  if (sites.length < 2) return null;
  const i = rng.int(0, sites.length - 2);
  const site = sites[i];
  const printed = text.slice(site.start, site.end);
  const old = Number(printed);
  const splice = (s: Site, by: string) => text.slice(0, s.start) + by + text.slice(s.end);
  switch (mutation) {
    case "changed": {
      const value = printed.includes(".") ? old + rng.int(1, 9) / 10 : old + rng.int(1, 9);
      const shown = printed.includes(".") ? value.toFixed(printed.split(".")[1].length) : String(value);
      return { text: splice(site, shown), mutation, printed: shown, value: Number(shown) };
    }
    case "deleted":
      return { text: splice(site, ""), mutation, printed: "", value: null };
    case "negated":
      return { text: splice(site, `-${printed}`), mutation, printed: `-${printed}`, value: null };
    case "extra":
      return { text: splice(site, `${printed} ${rng.int(1, 99)}`), mutation, printed, value: null };
    default: {
      const next = sites[i + 1];
      const glued = `${printed}${text.slice(next.start, next.end)}`;
      return {
        text: text.slice(0, site.start) + glued + text.slice(site.end, next.start) + text.slice(next.end),
        mutation,
        printed: glued,
        value: Number(glued),
      };
    }
  }
}
