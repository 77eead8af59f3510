import { describe, expect, it } from "vitest";
import { type AuditEntryFields, describeAuditEntry as describeWithParts } from "@/lib/auth/describe-audit-entry";

/** The description without its parts, once checked that the parts are the summary's pieces. */
function describeAuditEntry(entry: AuditEntryFields) {
  const { parts, ...described } = describeWithParts(entry);
  expect(parts.join(" · ")).toBe(described.summary ?? "");
  return described;
}

const summaryOf = (action: string, target: string | null, filters: unknown) =>
  describeAuditEntry({ action, target, filters }).summary;

describe("describeAuditEntry", () => {
  it("names a chart export's chart, format and filter in Chinese", () => {
    const described = describeAuditEntry({
      action: "export",
      target: "applications-by-year.csv",
      filters: { region: "230100", from: 2019, to: 2023, kind: "department", layout: "2021", format: "csv" },
    });
    expect(described).toEqual({
      target: "总览",
      summary:
        "图表：新收政府信息公开申请（按申请人类型） · 格式：CSV · 地区：黑龙江省哈尔滨市 · 年度：2019–2023 · 机关类型：政府部门 · 表格版式：2021 版",
    });
  });

  it("words open year ranges, the chart's own choices and a JSON download", () => {
    expect(
      summaryOf("export", "detail.json", { from: 2020, download: "1", rows: "detail", metric: "quality.late" }),
    ).toBe("图表：明细：数字背后的年度报告 · 格式：JSON · 年度：2020 年起 · 指标：逾期发布 · 数据：明细（逐份报告）");
    expect(summaryOf("export", "children.xlsx", { to: 2022, year: 2021, group: "231000" })).toBe(
      "图表：下级地区对比 · 格式：Excel（xlsx） · 年度：至 2022 年 · 所示年度：2021 年 · 分组：黑龙江省牡丹江市",
    );
  });

  it("names an agency's chart and workbook exports, with the agency for a link", () => {
    expect(describeAuditEntry({ action: "export", target: "agency 12 agency-trend.csv", filters: {} })).toEqual({
      target: "机关 #12",
      agencyId: 12,
      summary: "图表：各年度申请与公开率 · 格式：CSV",
    });
    expect(describeAuditEntry({ action: "export", target: "agency 7.xlsx", filters: { agency: 7 } })).toEqual({
      target: "机关 #7",
      agencyId: 7,
      summary: "内容：机关页全部数据（工作簿） · 格式：Excel（xlsx）",
    });
  });

  it("describes the overview workbook and the audit log's own CSV", () => {
    expect(
      describeAuditEntry({
        action: "export",
        target: "overview.xlsx",
        filters: { region: "231000", detailYear: 2022 },
      }),
    ).toEqual({
      target: "总览",
      summary: "内容：总览当前视图（工作簿） · 格式：Excel（xlsx） · 地区：黑龙江省牡丹江市 · 明细年度：2022 年",
    });
    expect(
      describeAuditEntry({
        action: "export",
        target: "audit-log.csv",
        filters: { action: "sign-in.failed", actor: "a@b.c" },
      }),
    ).toEqual({ target: "审计日志", summary: "格式：CSV · 操作：登录失败 · 操作人：a@b.c" });
  });

  it("describes page snapshots (PDF) of the overview and of an agency page", () => {
    expect(describeAuditEntry({ action: "export", target: "overview.pdf", filters: { region: "231000" } })).toEqual({
      target: "总览",
      summary: "内容：总览当前视图（页面快照） · 格式：PDF · 地区：黑龙江省牡丹江市",
    });
    expect(
      describeAuditEntry({ action: "export", target: "agency 7.pdf", filters: { agency: 7, year: "all" } }),
    ).toEqual({ target: "机关 #7", agencyId: 7, summary: "内容：机关页快照 · 格式：PDF · 所示年度：全部年度" });
  });

  it("describes a shared view and the downloads from it", () => {
    expect(
      describeAuditEntry({
        action: "share.create",
        target: "/s/AbCdEfGhIjKlMnOpQrStUvWx",
        filters: { region: "231000", metric: "outcomes.openRate", datasetVersion: "r42" },
      }),
    ).toEqual({
      target: "/s/AbCdEfGhIjKlMnOpQrStUvWx",
      summary: "地区：黑龙江省牡丹江市 · 指标：公开率 · 数据版本：r42",
    });
    expect(
      describeAuditEntry({
        action: "export",
        target: "kpis.csv",
        filters: { share: "AbCdEfGhIjKlMnOpQrStUvWx", region: "231000", format: "csv", datasetVersion: "r42" },
      }),
    ).toEqual({
      target: "总览（冻结视图）",
      summary:
        "图表：关键指标 · 格式：CSV · 地区：黑龙江省牡丹江市 · 冻结视图：/s/AbCdEfGhIjKlMnOpQrStUvWx · 数据版本：r42",
    });
  });

  it("describes user changes: role, region by name, export right", () => {
    expect(
      summaryOf("user.create", "x@ogi.local", { role: "supervisor", regionCode: "230103", canExport: false }),
    ).toBe("地区：黑龙江省哈尔滨市南岗区 · 角色：监督员 · 导出权限：不可导出");
    expect(summaryOf("user.create", "y@ogi.local", { role: "admin", regionCode: null, canExport: true })).toBe(
      "地区：全部地区 · 角色：管理员 · 导出权限：可导出",
    );
    expect(summaryOf("user.update", "x@ogi.local", { regionCode: "231000" })).toBe("地区：黑龙江省牡丹江市");
  });

  it("describes imports, deletions and document views", () => {
    expect(summaryOf("ingest", "a.pdf、b.zip", { new: 3, rejected: 1 })).toBe("新增：3 份 · 未导入：1 份");
    expect(
      describeAuditEntry({
        action: "report.delete",
        target: "某局 2022年度 · 报告 9",
        filters: { agencyId: 4, year: 2022, promotedId: null },
      }),
    ).toEqual({ target: "某局 2022年度 · 报告 9", agencyId: 4, summary: "报告年度：2022 年 · 机关：#4" });
    expect(
      describeAuditEntry({ action: "document.download", target: "document 5", filters: { view: "text" } }),
    ).toEqual({ target: "原始文档 #5", summary: "查看方式：在浏览器中查看文字" });
  });

  it("keeps unknown keys and unknown values as they are, never dropping them", () => {
    expect(summaryOf("export", "applications-by-year.csv", { region: "999999", kind: "x", extra: { a: 1 } })).toBe(
      '图表：新收政府信息公开申请（按申请人类型） · 格式：CSV · 地区：999999 · 机关类型：x · extra：{"a":1}',
    );
    expect(summaryOf("future.action", "t", { newKey: "v", flag: true, n: 3 })).toBe("newKey：v · flag：是 · n：3");
    expect(describeAuditEntry({ action: "export", target: "something else", filters: null })).toEqual({
      target: "something else",
      summary: null,
    });
  });

  it("has no summary for entries without filters", () => {
    expect(describeAuditEntry({ action: "sign-in", target: "a@b.c", filters: null })).toEqual({
      target: "a@b.c",
      summary: null,
    });
    expect(summaryOf("document.download", "document 5", {})).toBeNull();
  });
});
