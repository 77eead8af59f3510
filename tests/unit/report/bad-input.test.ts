import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { ReportParseError } from "@/lib/report/errors";

const REAL = path.resolve(import.meta.dirname, "../../fixtures/real");

async function expectRejected(bytes: Uint8Array, opts: { fileName?: string; mediaType?: string } = {}) {
  const started = Date.now();
  const error = await parseDocument(bytes, { ...opts, timeoutMs: 2000 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(Date.now() - started).toBeLessThan(5000);
  expect(error).toBeInstanceOf(ReportParseError);
  const e = error as ReportParseError;
  expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  return e;
}

function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe("documents that are not readable reports", () => {
  it("rejects an empty file", async () => {
    expect((await expectRejected(new Uint8Array())).code).toBe("EMPTY_FILE");
  });

  it("rejects random bytes", async () => {
    const e = await expectRejected(randomBytes(20000, 7));
    expect(["UNSUPPORTED_FORMAT", "NOT_A_REPORT"]).toContain(e.code);
  });

  it("rejects a news page that is not an annual report", async () => {
    const html = `<html><head><title>我市召开2023年经济工作会议</title></head><body><div class="nav">首页 | 新闻</div>
      <h1>我市召开2023年经济工作会议</h1><p>会议指出，2023年全市地区生产总值增长5.2%，新增就业1.2万人。</p>
      <table><tr><td>指标</td><td>数值</td></tr><tr><td>生产总值</td><td>3500</td></tr></table></body></html>`;
    expect((await expectRejected(new TextEncoder().encode(html), { fileName: "news.html" })).code).toBe("NOT_A_REPORT");
  });

  it("rejects truncated PDF bytes", async () => {
    const pdf = new Uint8Array(readFileSync(path.join(REAL, "hongze-district-2024.pdf")));
    const e = await expectRejected(pdf.subarray(0, 2048), { fileName: "x.pdf" });
    expect(["CORRUPT_FILE", "NO_TEXT_LAYER"]).toContain(e.code);
  });

  it("reads a PDF without a text layer by OCR, and rejects it when the scan holds no report", async () => {
    const pdf = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj
4 0 obj << /Length 28 >> stream
0 0 m 100 100 l S 10 10 m
endstream endobj
trailer << /Root 1 0 R >>
%%EOF`;
    const e = await expectRejected(new TextEncoder().encode(pdf), { fileName: "scan.pdf" });
    expect(e.code).toBe("NOT_A_REPORT");
    expect(e.message).toContain("OCR");
  });

  it("rejects a file that claims to be a PDF but is not", async () => {
    const e = await expectRejected(new TextEncoder().encode("hello"), {
      fileName: "x.pdf",
      mediaType: "application/pdf",
    });
    expect(e.code).toBe("CORRUPT_FILE");
  });

  it("rejects pathologically nested HTML quickly, without overflowing the stack", async () => {
    const depth = 100_000;
    const html = `<html><body>${"<div><table><tr><td>".repeat(depth / 4)}规章${"</td></tr></table></div>".repeat(depth / 4)}</body></html>`;
    const e = await expectRejected(new TextEncoder().encode(html), { fileName: "deep.html" });
    expect(["CORRUPT_FILE", "NOT_A_REPORT", "TIMEOUT"]).toContain(e.code);
  });

  it("times out instead of hanging on a huge document", async () => {
    const line = "第二十条第（一）项 信息内容 本年制发件数 规章 1 2 3\n";
    const text = line.repeat(200_000);
    const error = await parseDocument(new TextEncoder().encode(text), { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportParseError);
    expect((error as ReportParseError).code).toBe("TIMEOUT");
  });
});
