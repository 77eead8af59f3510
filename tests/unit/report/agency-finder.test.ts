import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveRegion } from "@/lib/regions";
import { cleanAgencyName } from "@/lib/report/clean-agency-name";
import { findAgency } from "@/lib/report/find-agency";
import { parseReport } from "@/lib/report/parse-report";

const fixture = (name: string) => readFileSync(path.resolve("tests/fixtures/real", name), "utf8");
const MUDANJIANG_TITLE = "牡丹江市教育局 2019年政府信息公开工作年度报告";

async function parseText(text: string, fileName: string) {
  return parseReport(new TextEncoder().encode(text), { fileName, resolveRegion });
}

/** The 牡丹江 page with its title lines replaced and a 落款 block put before the page's closing chrome. */
function mudanjiangWithout(title: string, signature: string[] = []): string {
  const text = fixture("mudanjiang-education-2019.txt").split(MUDANJIANG_TITLE).join(title);
  const tail = text.lastIndexOf("一审");
  return `${text.slice(0, tail)}${signature.join("\n\n")}\n\n${text.slice(tail)}`;
}

describe("cleanAgencyName", () => {
  it.each([
    ["政府信息公开年报牡丹江市教育局", "牡丹江市教育局"],
    ["当前位置：首页>政务公开>政府信息公开年报>淮安市教育局", "淮安市教育局"],
    ["【淮安市民政局】", "淮安市民政局"],
    ["“沭阳县发展和改革局”", "沭阳县发展和改革局"],
    ["沭阳县发展和改革局关于报送2023年度政府信息公开工作年度报告的函", "沭阳县发展和改革局"],
    ["沭阳县发展和改革局 2024年1月17日", "沭阳县发展和改革局"],
    ["发布机关：淮安市洪泽区人民政府", "淮安市洪泽区人民政府"],
    ["（三）睢宁县农业农村局", "睢宁县农业农村局"],
  ])("%s → %s", (raw, name) => {
    expect(cleanAgencyName(raw)).toBe(name);
  });

  it("refuses what is no name", () => {
    for (const raw of [
      "本网",
      "来源：本站",
      "政府",
      "我局",
      "2024年1月17日",
      "扫一扫在手机打开当前页",
      "本单位办公室",
    ]) {
      expect(cleanAgencyName(raw)).toBeNull();
    }
  });
});

describe("findAgency — the places a report names its author", () => {
  const find = (lines: string[], fileName?: string) =>
    findAgency({ titles: [], lines, text: lines.join("\n"), fileName });

  it("reads 发布机关 lines and drops the compiling office", () => {
    expect(find(["发布机关：南京市鼓楼区人民政府办公室", "一、总体情况"])).toMatchObject({
      agency: "南京市鼓楼区人民政府",
      source: "metadata",
    });
  });

  it("reads 本报告由…编制", () => {
    const lines = [
      "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。",
      "一、总体情况",
    ];
    expect(find(lines)).toMatchObject({ agency: "淮安市洪泽区人民政府", source: "statement" });
  });

  it("reads the signature, with the date on its own line or the same line", () => {
    const body = ["一、总体情况", "正文……", "六、其他需要报告的事项", "无。"];
    expect(find([...body, "睢宁县农业农村局", "2024年1月20日"]).agency).toBe("睢宁县农业农村局");
    expect(find([...body, "睢宁县农业农村局 二〇二四年一月二十日"]).agency).toBe("睢宁县农业农村局");
  });

  it("reads a file name that names the agency in brackets", () => {
    expect(find(["一、总体情况"], "2023年度政府信息公开工作年报（睢宁县农业农村局）.pdf")).toMatchObject({
      agency: "睢宁县农业农村局",
      source: "fileName",
    });
  });

  it("prefers the full name when the document gives the abbreviation too", () => {
    const lines = ["本报告由市发改委编制。", "一、总体情况", "……", "淮安市发展和改革委员会", "2024年1月20日"];
    expect(find(lines)).toMatchObject({ agency: "淮安市发展和改革委员会" });
  });

  it("lets two agreeing places outvote a title nothing else supports", () => {
    const lines = [
      "相关链接：南京市教育局2023年政府信息公开工作年度报告",
      "发布机构：淮安市教育局",
      "……",
      "淮安市教育局",
      "2024年1月20日",
    ];
    expect(find(lines)).toMatchObject({ agency: "淮安市教育局", titleName: "南京市教育局" });
  });
});

describe("parseReport — agency on real pages with the title moved or gone", () => {
  it("takes the signature when the title names no agency", async () => {
    const parsed = await parseText(
      mudanjiangWithout("2019年政府信息公开工作年度报告", ["牡丹江市教育局", "2020年1月31日"]),
      "t20200131_1234.txt",
    );
    expect(parsed).toMatchObject({ agency: "牡丹江市教育局", year: 2019, region: { code: "231000" } });
    expect(parsed.issues.find((i) => i.code === "AGENCY_FROM_SOURCE")?.message).toBe(
      "标题中未写明发布机关，机关名称“牡丹江市教育局”取自文末落款",
    );
  });

  it("takes the file name when nothing else names the agency", async () => {
    const parsed = await parseText(
      mudanjiangWithout("政府信息公开工作年度报告"),
      "2019年度政府信息公开工作年报（牡丹江市教育局）.txt",
    );
    expect(parsed).toMatchObject({ agency: "牡丹江市教育局", year: 2019 });
    expect(parsed.issues.map((i) => i.code)).toContain("AGENCY_FROM_SOURCE");
  });

  it("strips report words glued before the name", async () => {
    const parsed = await parseText(mudanjiangWithout(`政府信息公开年报${MUDANJIANG_TITLE}`), "x.txt");
    expect(parsed.agency).toBe("牡丹江市教育局");
    expect(parsed.issues.map((i) => i.code)).not.toContain("AGENCY_FROM_SOURCE");
  });

  it("resolves an abbreviated title to the full name the page prints", async () => {
    const html = fixture("shuyang-ndrc-2023.html")
      .split("沭阳县发展和改革局2023年政府信息公开年度报告")
      .join("沭阳县发改局2023年政府信息公开年度报告");
    const parsed = await parseReport(new TextEncoder().encode(html), { fileName: "a.html", resolveRegion });
    expect(parsed.agency).toBe("沭阳县发展和改革局");
    expect(parsed.issues.find((i) => i.code === "AGENCY_EXPANDED")?.message).toBe(
      "文档中的“沭阳县发改局”是简称，机关名称采用文中写出的全称“沭阳县发展和改革局”",
    );
  });

  it("resolves a county name misprinted by one character, and says so", async () => {
    const html = fixture("shuyang-ndrc-2023.html").split("沭阳县发展和改革局").join("沐阳县发展和改革局");
    const parsed = await parseReport(new TextEncoder().encode(html), { fileName: "a.html", resolveRegion });
    expect(parsed.agency).toBe("沐阳县发展和改革局");
    expect(parsed.region).toEqual({ code: "321322", path: ["江苏省", "宿迁市", "沭阳县"] });
    expect(parsed.issues.find((i) => i.code === "REGION_NAME_CORRECTED")?.message).toBe(
      "机关名称中的“沐阳县”与行政区划名称不符，按“沭阳县”（江苏省宿迁市）归属",
    );
  });
});
