import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { decodeText } from "@/lib/report/decode";

const REAL = path.join(import.meta.dirname, "..", "..", "fixtures", "real");

/** The bytes with `insert` put in at each of `fractions` of the way through, on a character boundary. */
function withStrayBytes(bytes: Buffer, insert: number[], fractions: number[]): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const f of fractions) {
    let at = Math.floor(bytes.length * f);
    while (at < bytes.length && (bytes[at] & 0xc0) === 0x80) at++;
    parts.push(bytes.subarray(from, at), Buffer.from(insert));
    from = at;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

describe("a UTF-8 report with a few invalid bytes", () => {
  it.each([
    ["shuyang-ndrc-2023.html", [0xff]],
    ["mudanjiang-education-2019.txt", [0xff]],
    ["shuyang-ndrc-2023.html", [0x93, 0x94]],
    ["pingtan-2023-flattened.txt", [0xe6, 0x9c]],
  ])("%s with %j inserted reads as the clean file does, with a warning naming the count", async (file, insert) => {
    const clean = fs.readFileSync(path.join(REAL, file));
    const dirty = withStrayBytes(clean, insert, [0.3, 0.6]);
    const expected = await parseDocument(new Uint8Array(clean), { fileName: file });
    const report = await parseDocument(new Uint8Array(dirty), { fileName: file });
    expect(report.agency).toBe(expected.agency);
    expect(report.year).toBe(expected.year);
    expect(report.applications).toEqual(expected.applications);
    expect(report.source?.encoding).toBe("utf-8");
    const warning = report.issues.find((i) => i.code === "ENCODING_REPLACED");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message).toMatch(/有 \d+ 处字节/);
  });

  it("GBK text is still read as GBK, not as UTF-8 with replacements", () => {
    const text = "牡丹江市教育局2019年政府信息公开工作年度报告\n一、总体情况\n".repeat(20);
    const decoded = decodeText(new Uint8Array(iconv.encode(text, "gbk")));
    expect(decoded.encoding).toBe("gb18030");
    expect(decoded.text).toBe(text);
    expect(decoded.replaced).toBeUndefined();
  });
});
