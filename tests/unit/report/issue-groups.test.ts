import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "@/lib/report";
import { passesArithmeticChecks } from "@/lib/report/issue-codes";
import { groupIssues, type IssueLike, markIssueCells } from "@/lib/report/issue-groups";

const REAL = path.resolve(import.meta.dirname, "../../fixtures/real");
const INTERNAL_PATH = /\b(?:active|applications|review|litigationDirect|litigationAfterReview)\.[a-zA-Z]/;

const issue = (code: string, severity: string, message: string, cells: string[] = []): IssueLike => ({
  code,
  severity,
  message,
  cells,
});

describe("groupIssues", () => {
  it("says a real report's 125 blank cells in one line, the cells in the official table's words", async () => {
    const bytes = new Uint8Array(readFileSync(path.join(REAL, "shuyang-ndrc-2023.html")));
    const report = await parseReport(bytes, { fileName: "shuyang-ndrc-2023.html", mediaType: "text/html" });
    const groups = groupIssues(report.issues, report.format);
    expect(groups).toHaveLength(1);
    const [blank] = groups;
    expect(blank).toMatchObject({ code: "BLANK_CELL", severity: "warning", arithmetic: false });
    expect(blank.headline).toBe(`${blank.count} 个单元格为空白或划线，按 0 计`);
    expect(blank.count).toBe(report.issues[0].cells.length);
    // Said row by row: the five 法人或其他组织 columns of each of table B's rows in one phrase.
    expect(blank.count).toBe(125);
    expect(blank.cellNames).toHaveLength(25);
    expect(blank.cellNames[0]).toBe(
      "表三“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列“一、本年新收政府信息公开申请数量”行",
    );
    for (const text of [blank.headline, ...blank.cellNames]) expect(text).not.toMatch(INTERNAL_PATH);
    // Blank cells are not a 勾稽 failure: the report passes its checks while its blank cells are marked amber.
    expect(passesArithmeticChecks(report.issues)).toBe(true);
    expect(markIssueCells(report.issues)(report.issues[0].cells[0])?.severity).toBe("warning");
  });

  it("one line per code with a count, worst severity first; each message kept behind it", () => {
    const groups = groupIssues(
      [
        issue("PUBLISHED_AT_UNKNOWN", "info", "未找到发布日期"),
        issue(
          "ROW_TOTAL_MISMATCH",
          "warning",
          "表三“总计”列“一、本年新收政府信息公开申请数量”行的数值为 5，但各类申请人之和为 4",
          ["applications.received.total"],
        ),
        issue("ROW_TOTAL_MISMATCH", "warning", "表三“总计”列“（一）予以公开”行的数值为 3，但各类申请人之和为 2", [
          "applications.granted.total",
        ]),
        issue("UNREADABLE_CELL", "error", "2 个单元格内容无法识别为数字", [
          "applications.received.natural",
          "active.licensing.decisions",
        ]),
      ],
      "2021",
    );
    expect(groups.map((g) => [g.severity, g.code])).toEqual([
      ["error", "UNREADABLE_CELL"],
      ["warning", "ROW_TOTAL_MISMATCH"],
      ["info", "PUBLISHED_AT_UNKNOWN"],
    ]);
    const [unreadable, totals, note] = groups;
    expect(unreadable.headline).toBe("2 个单元格内容无法识别为数字");
    expect(unreadable.cellNames).toEqual([
      "表三“自然人”列“一、本年新收政府信息公开申请数量”行",
      "表二“本年处理决定数量”列“行政许可”行",
    ]);
    expect(totals).toMatchObject({ count: 2, arithmetic: true, headline: "2 行的“总计”与各类申请人之和不符" });
    expect(totals.messages).toHaveLength(2);
    // Messages that name their cells need no second list.
    expect(totals.cellNames).toEqual([]);
    expect(note).toMatchObject({ headline: "未找到发布日期", count: 1, messages: [], cellNames: [] });
  });

  it("counts a code's cells once across its issues; an unknown code still names its cells", () => {
    const [blank, unknown] = groupIssues([
      issue("BLANK_CELL", "warning", "2 个单元格为空白或划线，按 0 计", ["review.total", "review.upheld"]),
      issue("BLANK_CELL", "warning", "表三有 1 行只印出两个相同的数", ["review.total", "applications.received.legal"]),
      issue("SOMETHING_NEW", "warning", "新的问题", ["litigationDirect.total"]),
    ]);
    expect(blank.headline).toBe("3 个单元格为空白或划线，按 0 计");
    expect(blank.messages).toHaveLength(2);
    expect(blank.cellNames).toEqual([
      "表四“行政复议”栏“结果维持”“总计”列",
      "表三“法律服务机构”列“一、本年新收政府信息公开申请数量”行",
    ]);
    expect(unknown.headline).toBe("新的问题");
    expect(unknown.cellNames).toEqual(["表四“行政诉讼（未经复议直接起诉）”栏“总计”列"]);
    for (const name of [...blank.cellNames, ...unknown.cellNames]) expect(name).not.toMatch(INTERNAL_PATH);
  });
});

describe("markIssueCells", () => {
  const markAt = markIssueCells([
    issue("BLANK_CELL", "warning", "2 个单元格为空白或划线，按 0 计", [
      "applications.received.natural",
      "applications.received.legal",
    ]),
    issue("UNREADABLE_CELL", "error", "1 个单元格内容无法识别为数字", ["applications.received.natural"]),
    issue("MISSING_ROW", "warning", "表二缺少“行政收费”行", ["active.fees"]),
    issue("UNIT_CONVERTED", "info", "金额已由元换算为万元", ["active.procurement.amount"]),
  ]);

  it("takes the worst severity on a cell and says each issue of that one cell", () => {
    expect(markAt("applications.received.natural")).toEqual({
      severity: "error",
      notes: ["错误：原表此格内容无法识别为数字", "警告：原表此格为空白或划线，按 0 计"],
    });
    expect(markAt("applications.received.legal")).toEqual({
      severity: "warning",
      notes: ["警告：原表此格为空白或划线，按 0 计"],
    });
  });

  it("marks each cell of a row an issue names, and nothing for notes or clean cells", () => {
    expect(markAt("active.fees.amount")).toEqual({ severity: "warning", notes: ["警告：表二缺少“行政收费”行"] });
    expect(markAt("active.procurement.amount")).toBeNull();
    expect(markAt("applications.received.total")).toBeNull();
  });
});
