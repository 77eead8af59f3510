import { describe, expect, it } from "vitest";
import { childrenOf, findRegionByCode, listRegions } from "@/lib/regions";

describe("listRegions", () => {
  it("loads the GB/T 2260 hierarchy once", () => {
    const regions = listRegions();
    expect(regions.length).toBeGreaterThan(3000);
    expect(listRegions()).toBe(regions);
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
  });

  it("skips placeholder nodes such as 市辖区 and 省直辖县级行政区划", () => {
    const names = new Set(listRegions().map((r) => r.name));
    expect(names.has("市辖区")).toBe(false);
    expect(listRegions().some((r) => r.name.includes("直辖县级行政区划"))).toBe(false);
  });

  it("gives every region a consistent parent, level and path", () => {
    for (const region of listRegions()) {
      const parent = region.parentCode ? findRegionByCode(region.parentCode) : null;
      if (region.level === 1) expect(parent).toBeNull();
      else expect(parent?.level).toBeLessThan(region.level);
      expect(region.path).toEqual(parent ? [...parent.path, region.name] : [region.name]);
    }
  });
});

describe("findRegionByCode", () => {
  it("finds a county with its full path", () => {
    expect(findRegionByCode("320813")).toEqual({
      code: "320813",
      name: "洪泽区",
      level: 3,
      parentCode: "320800",
      path: ["江苏省", "淮安市", "洪泽区"],
    });
  });

  it("puts municipal districts directly under the municipality, at level 3", () => {
    expect(findRegionByCode("110105")).toMatchObject({ level: 3, parentCode: "110000", path: ["北京市", "朝阳区"] });
  });

  it("lifts counties directly administered by a province to the province", () => {
    expect(findRegionByCode("419001")).toMatchObject({ name: "济源市", level: 3, parentCode: "410000" });
    expect(findRegionByCode("469002")).toMatchObject({
      name: "琼海市",
      parentCode: "460000",
      path: ["海南省", "琼海市"],
    });
  });

  it("returns null for unknown codes and placeholders", () => {
    expect(findRegionByCode("999999")).toBeNull();
    expect(findRegionByCode("460101")).toBeNull();
  });
});

describe("childrenOf", () => {
  it("lists the provinces for null", () => {
    const provinces = childrenOf(null);
    expect(provinces.every((r) => r.level === 1)).toBe(true);
    expect(provinces.map((r) => r.name)).toEqual(expect.arrayContaining(["北京市", "江苏省", "黑龙江省"]));
  });

  it("lists prefectures of a province and districts of a municipality", () => {
    expect(childrenOf("320000").map((r) => r.name)).toContain("淮安市");
    expect(childrenOf("320000").every((r) => r.level === 2)).toBe(true);
    expect(childrenOf("110000").map((r) => r.name)).toContain("朝阳区");
    expect(childrenOf("320800").map((r) => r.code)).toContain("320813");
    expect(childrenOf("320813")).toEqual([]);
  });
});
