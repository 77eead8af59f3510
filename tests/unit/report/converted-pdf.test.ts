import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { compareParse, generateSample, type Rendering } from "@/lib/sample/generate";

// PDFs made from generated reports by other programs: an office suite (from DOCX) and a browser (from HTML).
const SOURCES: { dir: string; shape: Rendering; name: string }[] = [
  { dir: "office-pdf", shape: "docx", name: "exported by an office suite" },
  { dir: "browser-pdf", shape: "html", name: "printed by a browser" },
];

describe.each(SOURCES)("PDFs $name", ({ dir, shape }) => {
  const folder = path.join(__dirname, "../../fixtures", dir);
  const seeds = readdirSync(folder)
    .filter((f) => f.endsWith(".pdf"))
    .map((f) => Number.parseInt(f, 10));
  it("has fixtures", () => expect(seeds.length).toBeGreaterThanOrEqual(3));
  it.each(seeds)("seed %i: every cell as the generated report has it", { timeout: 60_000 }, async (seed) => {
    const sample = await generateSample(seed, shape);
    const bytes = new Uint8Array(readFileSync(path.join(folder, `${seed}.pdf`)));
    const parsed = await parseDocument(bytes, { fileName: `${seed}.pdf`, timeoutMs: 30_000 });
    // A converted PDF may be dated by its metadata rather than the page's date line; the cells are the point.
    const problems = compareParse(sample.document.expected, parsed).filter((p) => p.cell !== "publishedAt");
    expect(problems).toEqual([]);
  });
});

describe("space-aligned text (pdftotext -layout of an exported PDF)", () => {
  const folder = path.join(__dirname, "../../fixtures/layout-text");
  const seeds = readdirSync(folder)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => Number.parseInt(f, 10));
  it("has fixtures", () => expect(seeds.length).toBeGreaterThanOrEqual(4));
  it.each(seeds)(
    "seed %i: every cell, wrapped labels and numbers joined as on the page",
    { timeout: 60_000 },
    async (seed) => {
      const sample = await generateSample(seed, "docx");
      const bytes = new Uint8Array(readFileSync(path.join(folder, `${seed}.txt`)));
      const parsed = await parseDocument(bytes, { fileName: `${seed}.txt`, timeoutMs: 30_000 });
      const problems = compareParse(sample.document.expected, parsed).filter((p) => p.cell !== "publishedAt");
      expect(problems).toEqual([]);
    },
  );
});
