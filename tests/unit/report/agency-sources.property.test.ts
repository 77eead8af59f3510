import { describe, expect, it } from "vitest";
import { resolveRegion } from "@/lib/regions";
import { parseReport } from "@/lib/report/parse-report";
import { generateSample } from "@/lib/sample/generate";
import { encodeText, type TextEncoding } from "@/lib/sample/generate/encoding";

const SEEDS = Array.from({ length: 50 }, (_, i) => 7001 + i);
const RENDERINGS = ["text-lines", "html", "markdown"] as const;

function decode(bytes: Uint8Array, encoding: string | undefined): string {
  return new TextDecoder(encoding === "gbk" ? "gbk" : "utf-8").decode(bytes).replace(/^\uFEFF/, "");
}

/** The agency's name in markup that may split it across tags (Word-pasted spans). */
function spelledAnyhow(agency: string): RegExp {
  return new RegExp([...agency].join("(?:<[^>]*>|\\s)*"), "g");
}

/** The document with its title removed and the agency named nowhere but in the closing signature (name, date). */
function keepOnlySignature(text: string, agency: string, publishedAt: string): string {
  const [y, m, d] = publishedAt.split("-").map(Number);
  const date = `${y}年${m}月${d}日`;
  const after = (end: number) => text.slice(end, end + 400).replace(/<[^>]*>|\s/g, "");
  const signature = [...text.matchAll(spelledAnyhow(agency))].findLast((m) =>
    after(m.index + m[0].length).startsWith(date),
  );
  expect(signature).toBeDefined();
  const at = signature!.index;
  const end = at + signature![0].length;
  const strip = (part: string) =>
    part.replace(/[^\n<>"]*\d{4}年度?政府信息公开工作年度报告[^\n<>"]*/g, "").replace(spelledAnyhow(agency), "本单位");
  return strip(text.slice(0, at)) + text.slice(at, end) + strip(text.slice(end));
}

describe("agency from the signature block when the title is gone", () => {
  for (const rendering of RENDERINGS) {
    it(`${rendering}: 50 seeds`, async () => {
      const misses: string[] = [];
      for (const seed of SEEDS) {
        const sample = await generateSample(seed, rendering);
        const { agency } = sample.document.expected;
        const text = keepOnlySignature(
          decode(sample.document.bytes, sample.document.encoding),
          agency,
          sample.document.expected.publishedAt,
        );
        expect(text.match(spelledAnyhow(agency))).toHaveLength(1);
        const encoding = (sample.document.encoding ?? "utf-8") as TextEncoding;
        const bytes = encodeText(text, encoding);
        const ext = rendering === "html" ? "html" : rendering === "markdown" ? "md" : "txt";
        const parsed = await parseReport(bytes, { fileName: `report.${ext}`, resolveRegion });
        if (parsed.agency !== agency) misses.push(`${seed}: ${parsed.agency} ≠ ${agency}`);
        else expect(parsed.issues.map((i) => i.code)).toContain("AGENCY_FROM_SOURCE");
      }
      expect(misses).toEqual([]);
    });
  }
});
