import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractTitleAgency, resolveRegion } from "@/lib/regions";

const fixture = (name: string) => readFileSync(path.resolve("tests/fixtures/real", name), "utf8");
const resolveAgency = (agency: string, text = "") => resolveRegion({ agency, text });

describe("resolveRegion — agencies of the real fixtures", () => {
  it.each([
    ["淮安市洪泽区人民政府", "320813", ["江苏省", "淮安市", "洪泽区"]],
    ["牡丹江市教育局", "231000", ["黑龙江省", "牡丹江市"]],
    ["沭阳县发展和改革局", "321322", ["江苏省", "宿迁市", "沭阳县"]],
  ])("%s → %s", (agency, code, regionPath) => {
    expect(resolveAgency(agency)).toEqual({ region: { code, path: regionPath } });
  });

  it("attaches 平潭综合实验区 (a functional zone) to 平潭县 and names the zone", () => {
    expect(resolveAgency("平潭综合实验区管委会")).toEqual({
      region: { code: "350128", path: ["福建省", "福州市", "平潭县"] },
      zone: "平潭综合实验区",
    });
  });

  it("reads the agency from the report title when none is given", () => {
    const mudanjiang = fixture("mudanjiang-education-2019.txt");
    expect(extractTitleAgency(mudanjiang)).toBe("牡丹江市教育局");
    expect(resolveRegion({ agency: null, text: mudanjiang }).region?.code).toBe("231000");
    expect(resolveRegion({ agency: null, text: fixture("pingtan-2023-flattened.txt") }).region?.code).toBe("350128");
  });
});

describe("resolveRegion — structure of agency names", () => {
  it("takes the province for a provincial department", () => {
    expect(resolveAgency("江苏省教育厅")).toEqual({ region: { code: "320000", path: ["江苏省"] } });
    expect(resolveAgency("广西壮族自治区人民政府").region?.code).toBe("450000");
  });

  it("follows a parent written before the child", () => {
    expect(resolveAgency("黑龙江省牡丹江市教育局").region?.code).toBe("231000");
    expect(resolveAgency("江苏省沭阳县人民政府").region?.code).toBe("321322");
    expect(resolveAgency("吉林省延边州教育局").region?.code).toBe("222400");
  });

  it("gives the district of a street or township agency", () => {
    expect(resolveAgency("北京市朝阳区望京街道办事处").region).toEqual({ code: "110105", path: ["北京市", "朝阳区"] });
    expect(resolveAgency("淮安市洪泽区老子山镇人民政府").region?.code).toBe("320813");
    expect(resolveAgency("南京市鼓楼区鼓楼街道办事处").region?.code).toBe("320106");
    // 宁海 is also 宁海县 (浙江): a place outside the chain 南京市 → 鼓楼区 is ignored.
    expect(resolveAgency("南京市鼓楼区宁海路街道办事处").region?.code).toBe("320106");
  });

  it("handles prefixes before the place", () => {
    expect(resolveAgency("中共淮安市委办公室").region?.code).toBe("320800");
    expect(resolveAgency("国家税务总局南京市鼓楼区税务局").region?.code).toBe("320106");
  });

  it("does not read department words as short place names", () => {
    expect(resolveAgency("牡丹江市公安局").region?.code).toBe("231000");
    expect(resolveAgency("淮安市自然资源和规划局").region?.code).toBe("320800");
    expect(resolveAgency("公安局")).toEqual({ region: null });
  });

  it("returns null for central agencies and names without a place", () => {
    expect(resolveAgency("国务院办公厅", "北京市朝阳区")).toEqual({ region: null });
    expect(resolveAgency("中华人民共和国国家发展和改革委员会")).toEqual({ region: null });
    expect(resolveRegion({ agency: null, text: "" })).toEqual({ region: null });
  });

  it("resolves municipal districts and province-administered counties", () => {
    expect(resolveAgency("上海市浦东新区人民政府").region).toEqual({ code: "310115", path: ["上海市", "浦东新区"] });
    expect(resolveAgency("济源市人民政府").region).toEqual({ code: "419001", path: ["河南省", "济源市"] });
    expect(resolveAgency("阳泉市郊区人民政府").region?.code).toBe("140311");
  });
});

describe("resolveRegion — same-named places", () => {
  it("uses a parent in the agency name", () => {
    expect(resolveAgency("长春市朝阳区人民政府").region?.code).toBe("220104");
    expect(resolveAgency("南京市鼓楼区人民政府").region?.code).toBe("320106");
    expect(resolveAgency("徐州市鼓楼区教育局").region?.code).toBe("320302");
    expect(resolveAgency("北京市朝阳区人民政府").region?.code).toBe("110105");
    expect(resolveAgency("朝阳市教育局").region).toEqual({ code: "211300", path: ["辽宁省", "朝阳市"] });
  });

  it("uses the province or city the document mentions most", () => {
    const beijing = "本报告由北京市朝阳区人民政府编制。根据《北京市政府信息公开规定》……北京市";
    const changchun = "根据长春市政务公开工作要点，朝阳区人民政府……吉林省";
    expect(resolveAgency("朝阳区人民政府", beijing).region).toEqual({ code: "110105", path: ["北京市", "朝阳区"] });
    expect(resolveAgency("朝阳区人民政府", changchun).region).toEqual({
      code: "220104",
      path: ["吉林省", "长春市", "朝阳区"],
    });
    expect(resolveAgency("朝阳区人民政府", `${changchun}北京市北京市北京市`).region?.code).toBe("110105");
  });

  it("reports the candidates when nothing decides", () => {
    expect(resolveAgency("朝阳区人民政府", "本年度，我区政务公开工作……")).toEqual({
      region: null,
      ambiguous: ["110105", "220104"],
    });
    const drum = resolveAgency("鼓楼区人民政府", "北京市长春市");
    expect(drum.region).toBeNull();
    expect(drum.ambiguous).toEqual(expect.arrayContaining(["320106", "320302", "350102", "410204"]));
    expect(resolveAgency("鼓楼区人民政府", "福州市").region?.code).toBe("350102");
  });
});

describe("resolveRegion — speed", () => {
  it("resolves against a 20 KB text in under 2 ms after warm-up", () => {
    const base = fixture("mudanjiang-education-2019.txt");
    const text = base.repeat(Math.ceil(20_000 / base.length)).slice(0, 20_000);
    const inputs = [
      { agency: "朝阳区人民政府", text: `${text}长春市` },
      { agency: "淮安市洪泽区人民政府", text },
      { agency: null, text },
    ];
    for (let i = 0; i < 20; i++) for (const input of inputs) resolveRegion(input);
    const runs = 200;
    const started = performance.now();
    for (let i = 0; i < runs; i++) for (const input of inputs) resolveRegion(input);
    const perCall = (performance.now() - started) / (runs * inputs.length);
    expect(perCall).toBeLessThan(2);
  });
});
