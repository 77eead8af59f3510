import { describe, expect, it } from "vitest";
import { classifyAgencyKind, normaliseAgencyName } from "@/lib/report/agency-name";

describe("classifyAgencyKind", () => {
  it.each([
    ["淮安市洪泽区人民政府", "government"],
    ["沭阳县人民政府", "government"],
    ["江苏省人民政府", "government"],
    ["牡丹江市政府", "government"],
    ["阿拉善盟行政公署", "government"],
    ["洪泽区人民政府办公室", "department"],
    ["牡丹江市教育局", "department"],
    ["沭阳县发展和改革局", "department"],
    ["江苏省教育厅", "department"],
    ["牡丹江市卫生健康委员会", "department"],
    ["南京市发改委", "department"],
    ["平潭综合实验区管委会", "department"],
    ["淮安市公共资源交易中心", "department"],
    ["南京市市场监督管理局鼓楼分局", "department"],
    ["国务院办公厅", "department"],
    ["老子山镇人民政府", "township"],
    ["东双沟乡人民政府", "township"],
    ["黄集街道办事处", "township"],
    ["高良涧街道", "township"],
    ["淮安市人民代表大会常务委员会", "other"],
    ["中共淮安市委办公室", "other"],
    ["淮安市中级人民法院", "other"],
    ["某某建设集团有限公司", "other"],
    ["", "other"],
  ])("%s → %s", (name, kind) => {
    expect(classifyAgencyKind(name)).toBe(kind);
  });

  it("reads full-width and spaced names", () => {
    expect(classifyAgencyKind(" 洪泽区人民政府 ")).toBe("government");
    expect(classifyAgencyKind("牡丹江市　教育局")).toBe("department");
    expect(classifyAgencyKind("中国共产党淮安市委员会")).toBe("other");
  });
});

describe("normaliseAgencyName", () => {
  it("converts full-width characters and strips spaces and punctuation", () => {
    expect(normaliseAgencyName(" 牡丹江市　教育局（ＡＢ）")).toBe("牡丹江市教育局AB");
    expect(normaliseAgencyName("淮安市·洪泽区 人民政府")).toBe("淮安市洪泽区人民政府");
  });

  it("unifies common variants and nothing else", () => {
    expect(normaliseAgencyName("牡丹江市政府")).toBe("牡丹江市人民政府");
    expect(normaliseAgencyName("苏州市政府办公室")).toBe("苏州市人民政府办公室");
    expect(normaliseAgencyName("苏州市人民政府办公室")).toBe("苏州市人民政府办公室");
    expect(normaliseAgencyName("平潭综合实验区管委会")).toBe("平潭综合实验区管理委员会");
    expect(normaliseAgencyName("中国共产党淮安市委员会")).toBe("中共淮安市委员会");
    expect(normaliseAgencyName("淮安市市政设施管理处")).toBe("淮安市市政设施管理处");
  });
});
