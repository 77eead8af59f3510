import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "@/lib/report";
import { compareParse, generateSample } from "@/lib/report/generate";

const dir = path.join(__dirname, "../../fixtures/office-pdf");
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith(".pdf"))
  .map((f) => Number.parseInt(f, 10));

describe("PDFs exported by an office suite", () => {
  it("has fixtures", () => expect(seeds.length).toBeGreaterThanOrEqual(4));
  it.each(seeds)("seed %i: every cell as the generated report has it", { timeout: 60_000 }, async (seed) => {
    const sample = await generateSample(seed, "docx");
    const bytes = new Uint8Array(readFileSync(path.join(dir, `${seed}.pdf`)));
    const parsed = await parseReport(bytes, { fileName: `${seed}.pdf`, timeoutMs: 30_000 });
    // The office export keeps the date line, but a PDF may also be dated by its metadata; the cells are the point.
    const problems = compareParse(sample.document.expected, parsed).filter((p) => p.cell !== "publishedAt");
    expect(problems).toEqual([]);
  });
});
