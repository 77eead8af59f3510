import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocumentText } from "@/lib/report/document-text";
import { TimeBudget } from "@/lib/report/errors";
import { extractDocument } from "@/lib/report/extract-document";

const REAL = path.resolve(import.meta.dirname, "../../fixtures/real");
const read = (name: string) => new Uint8Array(readFileSync(path.join(REAL, name)));

describe("extractDocumentText", () => {
  it("gives a real CMS page's words as the parser reads them, without markup, scripts or styles", async () => {
    const bytes = read("shuyang-ndrc-2023.html");
    expect(new TextDecoder().decode(bytes)).toContain("<script");
    const opts = { fileName: "shuyang-ndrc-2023.html", mediaType: "text/html" };
    const text = (await extractDocumentText(bytes, opts))!;
    expect(text).not.toMatch(/<\/?(?:script|style|div|span|p|td|html)\b/i);
    expect(text).not.toMatch(/function\s*\(|document\.write|\{\s*[a-z-]+\s*:/);
    expect(text).toContain("沭阳县发展和改革局2023年政府信息公开年度报告");
    // A table row is one line, its cells separated by spaces.
    expect(text).toMatch(/^规范性文件 8 0 18$/m);
    // Exactly what the parser read, and a small part of the page.
    const parsed = await extractDocument(bytes, opts, new TimeBudget(10_000));
    expect(text).toBe(parsed.lines.join("\n"));
    expect(text.length).toBeLessThan(bytes.length / 10);
  });

  it("reads a real PDF's text layer and flattened text as the parser does", async () => {
    const pdf = (await extractDocumentText(read("hongze-district-2024.pdf"), { fileName: "hongze.pdf" }))!;
    expect(pdf).toContain("洪泽");
    expect(pdf).toContain("政府信息公开");
    const txt = (await extractDocumentText(read("pingtan-2023-flattened.txt"), { fileName: "pingtan.txt" }))!;
    expect(txt).toContain("平潭综合实验区");
    expect(txt).toContain("行政许可2629");
  });

  it("has no text for binary content, and names a corrupt document in Chinese", async () => {
    const binary = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    expect(await extractDocumentText(binary, { fileName: "blob.bin" })).toBeNull();
    const broken = new TextEncoder().encode("%PDF-1.7\n这不是一个完整的 PDF");
    await expect(extractDocumentText(broken, { fileName: "broken.pdf" })).rejects.toMatchObject({
      name: "ReportParseError",
      message: expect.stringMatching(/[\u4e00-\u9fff]/),
    });
  });
});
