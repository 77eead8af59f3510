// Client-safe (the region picker runs it in the browser): no imports. The table itself arrives as data
// (`RegionNode[]`, built by region-nodes.ts and served by /api/regions).

/** A region as a picker receives it: code, name and its subordinate regions (province → prefecture → county). */
export type RegionNode = [code: string, name: string, children?: RegionNode[]];

export type PickerRegion = {
  code: string;
  name: string;
  /** Names from the province down, this region's last: ["黑龙江省", "哈尔滨市", "南岗区"]. */
  path: string[];
  /** 1 province, 2 prefecture, 3 county-level, from the code (a municipality's districts are 3 under a province). */
  level: 1 | 2 | 3;
  parent: PickerRegion | null;
  children: PickerRegion[];
};

export type RegionIndex = {
  /** The provinces, in table order. */
  roots: PickerRegion[];
  byCode: Map<string, PickerRegion>;
  /** Every region in tree order (a region before its children). */
  all: PickerRegion[];
};

export type RegionMatch = {
  region: PickerRegion;
  /** Where the query's last word lies in the region's own name, [start, end), for highlighting. */
  highlight: [number, number] | null;
};

export type RegionSearchResult = { matches: RegionMatch[]; total: number };

export const REGION_PATH_SEPARATOR = " › ";

const levelOfCode = (code: string): PickerRegion["level"] => (code.endsWith("0000") ? 1 : code.endsWith("00") ? 2 : 3);

export function indexRegions(nodes: RegionNode[]): RegionIndex {
  const byCode = new Map<string, PickerRegion>();
  const all: PickerRegion[] = [];
  const build = ([code, name, children = []]: RegionNode, parent: PickerRegion | null): PickerRegion => {
    const path = parent ? [...parent.path, name] : [name];
    const region: PickerRegion = { code, name, path, level: levelOfCode(code), parent, children: [] };
    byCode.set(code, region);
    all.push(region);
    region.children = children.map((child) => build(child, region));
    return region;
  };
  return { roots: nodes.map((node) => build(node, null)), byCode, all };
}

/** "黑龙江省 › 哈尔滨市 › 南岗区". */
export function formatRegionPath(region: Pick<PickerRegion, "path">): string {
  return region.path.join(REGION_PATH_SEPARATOR);
}

/** The query's words: full-width forms folded, split on spaces and path separators (›, >, /, 、, ，). */
export function splitRegionQuery(query: string): string[] {
  return query
    .normalize("NFKC")
    .split(/[\s›>/、,，·]+/)
    .filter(Boolean);
}

// Lower ranks first: the name is the word (or the word plus a suffix such as 市/区/县), starts with it, contains it.
function rankName(name: string, word: string): number {
  if (name === word) return 0;
  if (name.startsWith(word)) return name.length - word.length <= 3 ? 1 : 2;
  return 3;
}

/**
 * Regions whose own name contains the query's last word and whose higher levels contain the other words
 * ("哈尔滨 南岗" → 南岗区 of 哈尔滨市); digits search codes by prefix ("2301"). Best first: the name itself, then
 * names starting with the word, then containing it; at equal rank provinces before cities before counties, then table
 * order. `total` counts every match, `matches` keeps the first `limit`.
 */
export function searchRegions(index: RegionIndex, query: string, limit = 30): RegionSearchResult {
  const words = splitRegionQuery(query);
  if (words.length === 0) return { matches: [], total: 0 };
  const scored: { match: RegionMatch; rank: number; order: number }[] = [];
  if (words.length === 1 && /^\d+$/.test(words[0])) {
    const prefix = words[0];
    index.all.forEach((region, order) => {
      if (region.code.startsWith(prefix)) scored.push({ match: { region, highlight: null }, rank: 0, order });
    });
  } else {
    const last = words[words.length - 1];
    const higher = words.slice(0, -1);
    index.all.forEach((region, order) => {
      const at = region.name.indexOf(last);
      if (at < 0) return;
      const ancestors = region.path.slice(0, -1);
      if (!higher.every((word) => ancestors.some((name) => name.includes(word)))) return;
      scored.push({ match: { region, highlight: [at, at + last.length] }, rank: rankName(region.name, last), order });
    });
  }
  scored.sort((a, b) => a.rank - b.rank || a.match.region.level - b.match.region.level || a.order - b.order);
  return { matches: scored.slice(0, limit).map((s) => s.match), total: scored.length };
}
