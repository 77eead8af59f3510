import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, sniffKind } from "@/lib/report/decode";
import { ReportParseError } from "@/lib/report/errors";

const SAMPLE = "牡丹江市教育局2019年政府信息公开工作年度报告：行政许可４件";

describe("decodeText", () => {
  it("reads GBK bytes without a declaration", () => {
    const bytes = new Uint8Array(iconv.encode(SAMPLE, "gbk"));
    const { text, encoding } = decodeText(bytes);
    expect(text).toBe(SAMPLE);
    expect(encoding).toBe("gb18030");
  });

  it("reads GB18030 bytes declared in <meta charset>", () => {
    const html = `<html><head><meta charset="gb2312"></head><body>${SAMPLE}</body></html>`;
    const { text, encoding } = decodeText(new Uint8Array(iconv.encode(html, "gb18030")));
    expect(text).toContain(SAMPLE);
    expect(encoding).toBe("gb18030");
  });

  it("reads UTF-16LE and UTF-16BE with a BOM", () => {
    const le = new Uint8Array(iconv.encode(SAMPLE, "utf-16le", { addBOM: true }));
    const be = new Uint8Array(iconv.encode(SAMPLE, "utf-16be", { addBOM: true }));
    expect(decodeText(le)).toEqual({ text: SAMPLE, encoding: "utf-16le" });
    expect(decodeText(be)).toEqual({ text: SAMPLE, encoding: "utf-16be" });
  });

  it("reads UTF-16LE without a BOM from its byte statistics", () => {
    const text = `Report 2023 ${SAMPLE} table 1 2 3`;
    const bytes = new Uint8Array(iconv.encode(text, "utf-16le"));
    expect(decodeText(bytes)).toEqual({ text, encoding: "utf-16le" });
  });

  it("strips a UTF-8 BOM and keeps UTF-8 over a wrong charset declaration", () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SAMPLE)]);
    expect(decodeText(withBom)).toEqual({ text: SAMPLE, encoding: "utf-8" });
    const lying = new TextEncoder().encode(`<meta charset="gbk"><p>${SAMPLE}</p>`);
    expect(decodeText(lying).text).toContain(SAMPLE);
  });
});

describe("sniffKind", () => {
  it("recognises PDF and DOCX signatures and rejects empty or legacy files", () => {
    expect(sniffKind(new TextEncoder().encode("%PDF-1.7\n..."), {})).toBe("pdf");
    expect(
      sniffKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("word/document.xml")]), {}),
    ).toBe("docx");
    expect(() => sniffKind(new Uint8Array(), {})).toThrow(ReportParseError);
    expect(() => sniffKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), {})).toThrow(/DOCX|PDF/);
  });
});
