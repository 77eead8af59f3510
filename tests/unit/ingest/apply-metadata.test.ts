import { describe, expect, it } from "vitest";
import { applyMetadata } from "@/lib/ingest/metadata";
import type { ParsedReport } from "@/lib/report/schema";

const unread: ParsedReport = {
  agency: null,
  year: null,
  publishedAt: null,
  format: "2021",
  region: null,
  active: {},
  applications: {},
  issues: [
    { code: "AGENCY_UNKNOWN", severity: "error", message: "无法识别发布机关名称", cells: [] },
    { code: "YEAR_UNKNOWN", severity: "error", message: "无法识别报告年度", cells: [] },
    { code: "REGION_UNRESOLVED", severity: "warning", message: "无法确定发布机关所在的行政区划", cells: [] },
    { code: "BLANK_CELL", severity: "warning", message: "1 个单元格为空白或划线，按 0 计", cells: ["review.total"] },
  ],
  source: { shape: "text", encoding: "utf-8", mediaType: null },
} as unknown as ParsedReport;

describe("metadata from an import manifest", () => {
  it("settles the issues about what the parser could not read and places the region from the given name", () => {
    const report = applyMetadata(unread, { agency: "徐州市睢宁县农业农村局", year: 2023 });
    expect(report.agency).toBe("徐州市睢宁县农业农村局");
    expect(report.region?.code).toBe("320324");
    expect(report.issues.map((i) => i.code)).toEqual(["BLANK_CELL"]);
  });

  it("keeps the parser's issues on fields the manifest does not give", () => {
    const report = applyMetadata(unread, { year: 2023 });
    expect(report.issues.map((i) => i.code)).toEqual(["AGENCY_UNKNOWN", "REGION_UNRESOLVED", "BLANK_CELL"]);
  });
});
