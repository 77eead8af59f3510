import { listRegions, type Region } from "./region-tree";

let index: Map<string, Region[]> | null = null;

/** Full names of three or more characters, keyed once per position (the ending excepted) with that character blanked. */
function buildIndex(): Map<string, Region[]> {
  const byKey = new Map<string, Region[]>();
  for (const region of listRegions()) {
    const name = region.name;
    if (name.length < 3 || /^\d{4}7\d$/.test(region.code)) continue;
    for (let i = 0; i < name.length - 1; i++) {
      const key = `${name.slice(0, i)}?${name.slice(i + 1)}`;
      const list = byKey.get(key);
      if (list) list.push(region);
      else byKey.set(key, [region]);
    }
  }
  return byKey;
}

/** Regions whose full name differs from `printed` in exactly one character, not the ending ("雎宁县" → 睢宁县…). */
export function findNearMisses(printed: string): Region[] {
  if (printed.length < 3) return [];
  index ??= buildIndex();
  const found = new Map<string, Region>();
  for (let i = 0; i < printed.length - 1; i++) {
    for (const region of index.get(`${printed.slice(0, i)}?${printed.slice(i + 1)}`) ?? []) {
      if (region.name !== printed) found.set(region.code, region);
    }
  }
  return [...found.values()];
}
