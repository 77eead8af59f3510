import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import type { ParsedReport } from "@/lib/report/schema";

const B_ROWS_2021 = [
  "（一）予以公开",
  "（二）部分公开",
  "（三）不予公开 1.属于国家秘密",
  "2.其他法律行政法规禁止公开",
  "3.危及“三安全一稳定”",
  "4.保护第三方合法权益",
  "5.属于三类内部事务信息",
  "6.属于四类过程性信息",
  "7.属于行政执法案卷",
  "8.属于行政查询事项",
  "（四）无法提供 1.本机关不掌握相关政府信息",
  "2.没有现成信息需要另行制作",
  "3.补正后申请内容仍不明确",
  "（五）不予处理 1.信访举报投诉类申请",
  "2.重复申请",
  "3.要求提供公开出版物",
  "4.无正当理由大量反复申请",
  "5.要求行政机关确认或重新出具已获取信息",
];

type Row = [string, (number | string)[]];

function textReport(opts: {
  title: string;
  active: Row[];
  activeHeader: string;
  other: Row[];
  review: string;
  date?: string;
  feeHeader?: string;
}): string {
  const zero = ["0", "0", "0", "0", "0", "0", "0"];
  const b: Row[] = [
    ["一、本年新收政府信息公开申请数量", ["3", "1", "0", "0", "0", "0", "4"]],
    ["二、上年结转政府信息公开申请数量", zero],
    ["三、本年度办理结果 （一）予以公开", ["2", "1", "0", "0", "0", "0", "3"]],
    ...B_ROWS_2021.slice(1).map((l): Row => [l, zero]),
    ...opts.other,
    ["（七）总计", ["3", "1", "0", "0", "0", "0", "4"]],
    ["四、结转下年度继续办理", zero],
  ];
  return [
    opts.title,
    `发布日期：${opts.date ?? "2024-01-20"}`,
    "一、总体情况",
    "本年度共收到政府信息公开申请4件。",
    "二、主动公开政府信息情况",
    opts.activeHeader,
    ...opts.active.map(([l, v]) => (l.includes("收费") ? `${opts.feeHeader ?? ""}\n` : "") + `${l} ${v.join(" ")}`),
    "三、收到和处理政府信息公开申请情况",
    "申请人情况 自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
    ...b.map(([l, v]) => `${l} ${v.join(" ")}`),
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议 结果维持 结果纠正 其他结果 尚未审结 总计 行政诉讼 未经复议直接起诉 复议后起诉",
    opts.review,
    "五、存在的主要问题及改进情况",
    "无。",
  ].join("\n");
}

async function parseText(text: string): Promise<ParsedReport> {
  return parseDocument(new TextEncoder().encode(text), { fileName: "report.txt" });
}

const ACTIVE_2021: Row[] = [
  ["规章", [0, 0, 0]],
  ["行政规范性文件", [2, 1, 9]],
  ["行政许可", [120]],
  ["行政处罚", [30]],
  ["行政强制", [4]],
  ["行政事业性收费", ["251000"]],
];
const OTHER_2021: Row[] = [
  [
    "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ["1", "0", "0", "0", "0", "0", "1"],
  ],
  ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", ["0", "0", "0", "0", "0", "0", "0"]],
  ["3.其他", ["0", "0", "0", "0", "0", "0", "0"]],
];

describe("layouts and labels", () => {
  it("detects the 2021 layout from its labels and converts 元 headers to 万元", async () => {
    const r = await parseText(
      textReport({
        title: "某市统计局2019年政府信息公开工作年度报告",
        activeHeader: "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数",
        feeHeader: "第二十条第（八）项 信息内容 本年收费金额（单位：元）",
        active: ACTIVE_2021,
        other: OTHER_2021,
        review: "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
      }),
    );
    expect(r.year).toBe(2019);
    expect(r.format).toBe("2021");
    expect(r.active.normativeDocs).toEqual({ made: 2, repealed: 1, inForce: 9 });
    expect(r.active.fees).toEqual({ amount: 25.1 });
    expect(r.issues.map((i) => i.code)).toContain("UNIT_CONVERTED");
    expect(r.applications.otherNoCorrection?.total).toBe(1);
    expect(r.applications.otherHandling).toBeUndefined();
    expect(r.agency).toBe("某市统计局");
    expect(r.publishedAt).toBe("2024-01-20");
    expect(r.issues.map((i) => i.code)).toContain("LATE_PUBLICATION");
  });

  it("reads the 2019 layout with signed changes, and its single （六）其他处理 row", async () => {
    const r = await parseText(
      textReport({
        title: "某县教育局2023年政府信息公开工作年度报告",
        activeHeader:
          "第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 上一年项目数量 本年增/减 处理决定数量",
        active: [
          ["规章", [0, 0, 0]],
          ["规范性文件", [2, 2, 16]],
          ["行政许可", [4, "-2", 0]],
          ["其他对外管理服务事项", [0, "+1", 0]],
          ["行政处罚", [0, 0, 0]],
          ["行政强制", [0, 0, 0]],
          ["行政事业性收费", [1, "+1"]],
          ["政府集中采购", [9, "885.1737"]],
        ],
        other: [["（六）其他处理", ["1", "0", "0", "0", "0", "0", "1"]]],
        review: "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0",
      }),
    );
    expect(r.format).toBe("2019");
    expect(r.active.licensing).toEqual({ previous: 4, change: -2, decisions: 0 });
    expect(r.active.otherServices).toEqual({ previous: 0, change: 1, decisions: 0 });
    expect(r.active.procurement).toEqual({ count: 9, amount: 885.1737 });
    expect(r.applications.otherHandling?.total).toBe(1);
    expect(r.applications.otherOther).toBeUndefined();
    expect(r.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
  });
});

describe("checks", () => {
  it("keeps a misprinted total and flags it", async () => {
    const text = textReport({
      title: "某市统计局2023年政府信息公开工作年度报告",
      activeHeader: "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数",
      active: ACTIVE_2021,
      other: OTHER_2021,
      review: "0 0 0 0 0 1 0 0 0 2 0 0 0 0 0",
      date: "2024-02-20",
    }).replace("一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4", "一、本年新收政府信息公开申请数量 3 1 0 0 0 0 5");
    const r = await parseText(text);
    expect(r.applications.received?.total).toBe(5);
    const codes = r.issues.map((i) => i.code);
    expect(codes).toContain("ROW_TOTAL_MISMATCH");
    expect(codes).toContain("BALANCE_MISMATCH");
    expect(r.litigationDirect?.total).toBe(2);
    expect(codes).toContain("BLOCK_TOTAL_MISMATCH");
    expect(codes).toContain("LATE_PUBLICATION");
  });

  it("fills a blank row total from its printed parts and says so", async () => {
    const html = `<html><head><title>某县财政局2023年政府信息公开工作年度报告</title></head><body>
      <p>二、主动公开政府信息情况</p>
      <table><tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>
      <p>三、收到和处理政府信息公开申请情况</p>
      <table><tr><td rowspan="2" colspan="3">申请人情况</td><td rowspan="2">自然人</td><td colspan="6">法人或其他组织</td><td rowspan="2">总计</td></tr>
      <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>小计</td></tr>
      <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>2</td><td></td><td>—</td><td>0</td><td>0</td><td>2</td><td>&nbsp;</td></tr>
      </table><p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p></body></html>`;
    const r = await parseDocument(new TextEncoder().encode(html), { fileName: "r.html" });
    expect(r.applications.received).toEqual({
      natural: 5,
      commercial: 2,
      research: 0,
      nonprofit: 0,
      legal: 0,
      otherOrg: 0,
      total: 7,
    });
    const implied = r.issues.find((i) => i.code === "IMPLIED_VALUE");
    expect(implied?.cells).toContain("applications.received.total");
    const blank = r.issues.find((i) => i.code === "BLANK_CELL");
    expect(blank?.cells).toEqual(
      expect.arrayContaining(["applications.received.research", "applications.received.nonprofit"]),
    );
    expect(r.issues.some((i) => i.code === "MISSING_ROW" && i.cells.includes("applications.processedTotal"))).toBe(
      true,
    );
  });
});

describe("run-together digits", () => {
  it("splits a row by its own total, and leaves an undecidable row unresolved with candidates", async () => {
    const text = textReport({
      title: "某区人民政府2023年度政府信息公开工作年度报告",
      activeHeader: "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数",
      active: [
        ["规章", ["000"]],
        ["行政规范性文件", ["12345"]],
      ],
      other: OTHER_2021,
      review: "110024001510102",
    }).replace("一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4", "一、本年新收政府信息公开申请数量 3100004");
    const r = await parseText(text);
    expect(r.active.rules).toEqual({ made: 0, repealed: 0, inForce: 0 });
    expect(r.active.normativeDocs).toEqual({ made: null, repealed: null, inForce: null });
    const amb = r.issues.find((i) => i.code === "AMBIGUOUS_SPLIT");
    expect(amb?.detail?.candidates).toHaveLength(6);
    expect(r.applications.received).toEqual({
      natural: 3,
      commercial: 1,
      research: 0,
      nonprofit: 0,
      legal: 0,
      otherOrg: 0,
      total: 4,
    });
    expect(r.litigationDirect).toEqual({ upheld: 4, corrected: 0, other: 0, pending: 1, total: 5 });
  });
});
