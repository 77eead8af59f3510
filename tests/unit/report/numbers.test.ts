import { describe, expect, it } from "vitest";
import { normaliseLabel, scoreSuffix } from "@/lib/report/labels";
import { readTitle } from "@/lib/report/meta";
import { parseCell, toWanYuan } from "@/lib/report/numbers";

describe("parseCell", () => {
  it.each([
    ["12", 12],
    ["１２３", 123],
    ["1,234", 1234],
    ["１，２３４", 1234],
    ["+1", 1],
    ["-18", -18],
    ["－2", -2],
    ["885.1737", 885.1737],
    [" 7 件", 7],
    ["0.00", 0],
  ])("reads %j as %d", (raw, value) => {
    expect(parseCell(raw)).toMatchObject({ kind: "number", value });
  });

  it.each(["", " ", "\u00a0", "—", "-", "/", "无", "——"])("reads %j as an empty cell", (raw) => {
    expect(parseCell(raw).kind).toBe("blank");
  });

  it("keeps the money unit printed in the cell", () => {
    expect(parseCell("251000元")).toEqual({ kind: "number", value: 251000, unit: "元" });
    expect(parseCell("25.1万元")).toEqual({ kind: "number", value: 25.1, unit: "万元" });
    expect(toWanYuan(251000, "元")).toBe(25.1);
    expect(toWanYuan(1, "元")).toBe(0.0001);
  });

  it("does not read text as a number", () => {
    expect(parseCell("见附件").kind).toBe("unreadable");
    expect(parseCell("12a").kind).toBe("unreadable");
  });
});

describe("label matching", () => {
  it("normalises numbering, notes and punctuation away", () => {
    expect(normaliseLabel("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")).toBe("部分公开");
    expect(normaliseLabel("3.危及“三安全一稳定”")).toBe("危及三安全一稳定");
  });

  it("scores misspelt and truncated labels close to their canonical form", () => {
    expect(scoreSuffix(normaliseLabel("2.其他法律行政止公开"), "其他法律行政法规禁止公开")).toBeGreaterThan(0.8);
    expect(scoreSuffix(normaliseLabel("4.保护第三方合法权"), "保护第三方合法权益")).toBeGreaterThan(0.9);
    expect(scoreSuffix(normaliseLabel("信息内容 本年处理决定数量 行政许可"), "行政许可")).toBe(1);
    expect(scoreSuffix("规范性文件", "规章")).toBeLessThan(0.5);
  });
});

describe("titles", () => {
  it.each([
    ["牡丹江市教育局 2019年政府信息公开工作年度报告", "牡丹江市教育局", 2019],
    ["标题：沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局", "沭阳县发展和改革局", 2023],
    ["淮安市教育局关于2023年度政府信息公开工作年度报告", "淮安市教育局", 2023],
    ["2022年度杭州市财政局政府信息公开工作年度报告", "杭州市财政局", 2022],
    ["某市司法局政府信息公开工作2021年度报告", "某市司法局", 2021],
    ["某县人民政府二〇二〇年政府信息公开工作年度报告", "某县人民政府", 2020],
  ])("reads %s", (title, agency, year) => {
    expect(readTitle(title)).toMatchObject({ agency, year });
  });

  it("ignores titles that are not annual reports", () => {
    expect(readTitle("我市召开2023年经济工作会议")).toBeNull();
  });
});
