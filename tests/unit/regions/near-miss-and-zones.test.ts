import { describe, expect, it } from "vitest";
import { resolveRegion } from "@/lib/regions";

const resolve = (agency: string, text = "") => resolveRegion({ agency, text });

describe("resolveRegion — a place name one character off", () => {
  it("resolves the unique near-miss under the parent the name gives", () => {
    expect(resolve("徐州市雎宁县人民政府")).toEqual({
      region: { code: "320324", path: ["江苏省", "徐州市", "睢宁县"] },
      corrected: { printed: "雎宁县", name: "睢宁县" },
    });
  });

  it("uses the document's own spelling and its province or city when the name gives no parent", () => {
    expect(resolve("雎宁县农业农村局", "睢宁县农业农村局坚持……徐州市").region?.code).toBe("320324");
    expect(resolve("江苏省准安市教育局", "淮安市教育局围绕……").corrected).toEqual({
      printed: "准安市",
      name: "淮安市",
    });
  });

  it("stays unresolved when several near-misses fit equally", () => {
    // ?宁县 in 江苏省: 睢宁县 and 阜宁县.
    expect(resolve("雎宁县农业农村局", "江苏省").region).toBeNull();
    expect(resolve("雎宁县农业农村局").region).toBeNull();
  });

  it("leaves correctly spelt names and department words alone", () => {
    expect(resolve("牡丹江市教育局")).toEqual({ region: { code: "231000", path: ["黑龙江省", "牡丹江市"] } });
    expect(resolve("淮安市洪泽区老子山镇人民政府").corrected).toBeUndefined();
    expect(resolve("某市司法局")).toEqual({ region: null });
  });
});

describe("resolveRegion — functional zones", () => {
  it("attaches a statistical zone (code xxxx7x) to its city", () => {
    expect(resolve("淮安经济技术开发区管委会")).toEqual({
      region: { code: "320800", path: ["江苏省", "淮安市"] },
      zone: "淮安经济技术开发区",
    });
  });

  it("attaches a zone outside the table to the place its name starts with", () => {
    expect(resolve("苏州高新区管委会")).toEqual({
      region: { code: "320500", path: ["江苏省", "苏州市"] },
      zone: "苏州高新区",
    });
    expect(resolve("平潭综合实验区管委会").zone).toBe("平潭综合实验区");
  });

  it("keeps districts named 新区 as the regions they are", () => {
    expect(resolve("上海市浦东新区人民政府")).toEqual({ region: { code: "310115", path: ["上海市", "浦东新区"] } });
    expect(resolve("西安市新城区人民政府").zone).toBeUndefined();
  });
});
