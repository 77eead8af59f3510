import { describe, expect, it } from "vitest";
import { listRegionNodes, listRegions } from "@/lib/regions";
import {
  formatRegionPath,
  indexRegions,
  type RegionNode,
  searchRegions,
  splitRegionQuery,
} from "@/lib/regions/search-regions";

const index = indexRegions(listRegionNodes());
const paths = (query: string, limit?: number) =>
  searchRegions(index, query, limit).matches.map((m) => formatRegionPath(m.region));

describe("indexRegions", () => {
  it("rebuilds the national table from the nested nodes the server sends", () => {
    expect(index.all.map((r) => [r.code, r.path.join("")])).toEqual(
      listRegions().map((r) => [r.code, r.path.join("")]),
    );
    const nangang = index.byCode.get("230103")!;
    expect(nangang.parent?.code).toBe("230100");
    expect(nangang.parent?.children).toContain(nangang);
    expect(index.roots.map((r) => r.name)).toContain("黑龙江省");
  });

  it("keeps municipal districts and province-administered counties directly under the province", () => {
    expect(formatRegionPath(index.byCode.get("110105")!)).toBe("北京市 › 朝阳区");
    expect(index.byCode.get("429004")?.parent?.code).toBe("420000");
  });
});

describe("searchRegions", () => {
  it("finds a city by its name without the suffix, the city first", () => {
    expect(paths("哈尔滨")[0]).toBe("黑龙江省 › 哈尔滨市");
  });

  it("finds a county-level district with its full path and where the word lies in its name", () => {
    const { matches } = searchRegions(index, "南岗");
    const nangang = matches.find((m) => m.region.code === "230103");
    expect(nangang && formatRegionPath(nangang.region)).toBe("黑龙江省 › 哈尔滨市 › 南岗区");
    expect(nangang?.highlight).toEqual([0, 2]);
  });

  it("narrows by a higher level: earlier words must name a province or city above the match", () => {
    expect(paths("哈尔滨 南岗")).toEqual(["黑龙江省 › 哈尔滨市 › 南岗区"]);
    expect(paths("黑龙江　哈尔滨")).toEqual(["黑龙江省 › 哈尔滨市"]);
    expect(paths("黑龙江省 › 哈尔滨市 › 南岗区")).toEqual(["黑龙江省 › 哈尔滨市 › 南岗区"]);
    expect(paths("江苏 南岗")).toEqual([]);
  });

  it("lists same-named places apart by their paths, higher levels first", () => {
    const found = paths("朝阳");
    expect(found[0]).toBe("辽宁省 › 朝阳市");
    expect(found).toContain("北京市 › 朝阳区");
    expect(found).toContain("吉林省 › 长春市 › 朝阳区");
  });

  it("ranks the name itself before names that start with or contain the word", () => {
    const nodes: RegionNode[] = [
      [
        "100000",
        "甲省",
        [
          ["100100", "新和平县"],
          ["100200", "和平市"],
          ["100300", "和平"],
        ],
      ],
    ];
    const small = indexRegions(nodes);
    expect(searchRegions(small, "和平").matches.map((m) => m.region.name)).toEqual(["和平", "和平市", "新和平县"]);
  });

  it("searches codes by prefix", () => {
    expect(paths("230103")).toEqual(["黑龙江省 › 哈尔滨市 › 南岗区"]);
    const city = paths("2301");
    expect(city[0]).toBe("黑龙江省 › 哈尔滨市");
    expect(city.slice(1).every((p) => p.startsWith("黑龙江省 › 哈尔滨市 › "))).toBe(true);
  });

  it("counts every match and keeps the first `limit`", () => {
    const { matches, total } = searchRegions(index, "区", 5);
    expect(matches).toHaveLength(5);
    expect(total).toBeGreaterThan(500);
  });

  it("finds nothing for an empty query or an unknown name", () => {
    expect(searchRegions(index, "   ")).toEqual({ matches: [], total: 0 });
    expect(paths("不存在的地方")).toEqual([]);
  });
});

describe("splitRegionQuery", () => {
  it("splits on spaces (also full-width) and path separators", () => {
    expect(splitRegionQuery(" 黑龙江省 › 哈尔滨市/南岗区、 ")).toEqual(["黑龙江省", "哈尔滨市", "南岗区"]);
    expect(splitRegionQuery("哈尔滨　南岗")).toEqual(["哈尔滨", "南岗"]);
  });
});
