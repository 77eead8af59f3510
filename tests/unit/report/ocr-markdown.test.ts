import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { compareParse, createRng, generateSample, isNamedByIssue, readCell } from "@/lib/sample/generate";
import { OCR_DAMAGES, type OcrDamage, transformOcrMarkdown } from "@/lib/sample/generate/transform-ocr-markdown";

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
// Cells right on these 40 seeds before the repair of sources/markdown-rows.ts (commit 7e9c77b), of 7936 each.
const RIGHT_BEFORE: Record<string, number> = {
  "merge-rows": 7562,
  "split-row-label": 7936,
  "split-row-cells": 7770,
  "drop-pipe": 7748,
  "repeat-header": 7936,
  "br-in-cell": 7936,
  "plain-row": 7910,
  "bold-label": 7936,
  "escaped-pipe": 7924,
  "html-table": 7758,
  "grid-table": 7516,
  "no-outer-pipes": 7731,
  combined: 5058,
};

type Score = { name: string; cells: number; right: number; nullNamed: number; failures: string[] };

/** Generated Markdown reports after `damages`: every present cell right, or null/absent with an issue naming it. */
async function scoreDamages(name: string, damages: readonly OcrDamage[]): Promise<Score> {
  const score: Score = { name, cells: 0, right: 0, nullNamed: 0, failures: [] };
  for (const seed of SEEDS) {
    const { bytes, fileName, mediaType, expected } = (await generateSample(seed, "markdown")).document;
    const rng = createRng(seed * 7919 + damages.length);
    const text = transformOcrMarkdown(new TextDecoder().decode(bytes), rng, damages);
    const parsed = await parseDocument(new TextEncoder().encode(text), { fileName, mediaType, timeoutMs: 30_000 });
    for (const [path, want] of Object.entries(expected.cells)) {
      if (!want.present) continue;
      score.cells++;
      const got = readCell(parsed, path);
      if (got === want.value) score.right++;
      else if ((got === null || got === undefined) && isNamedByIssue(parsed, path)) score.nullNamed++;
    }
    const unnamedNull = (p: { cell: string; got: unknown }) =>
      !((p.got === null || p.got === "absent") && isNamedByIssue(parsed, p.cell));
    for (const p of compareParse(expected, parsed).filter(unnamedNull)) {
      score.failures.push(
        `seed ${seed}: ${p.cell} expected ${JSON.stringify(p.expected)}, got ${JSON.stringify(p.got)}`,
      );
    }
  }
  return score;
}

describe("Markdown damaged as OCR tools and converters leave it", () => {
  const scores: Score[] = [];
  const cases: [string, readonly OcrDamage[]][] = [...OCR_DAMAGES.map((d): [string, OcrDamage[]] => [d, [d]])];
  cases.push(["combined", OCR_DAMAGES]);

  it.each(cases)(
    "%s: every cell right or null with an issue naming it",
    { timeout: 120_000 },
    async (name, damages) => {
      const score = await scoreDamages(name, damages);
      scores.push(score);
      expect(score.failures.slice(0, 10), score.failures.join("\n")).toEqual([]);
      expect(score.right / score.cells).toBeGreaterThanOrEqual(0.98);
    },
  );

  it("prints cells right before and after the repair", () => {
    const rows = scores.map(
      (s) =>
        `${s.name.padEnd(16)} before ${RIGHT_BEFORE[s.name]}/${s.cells}  after ${s.right}/${s.cells} (+${s.nullNamed} null with an issue, ${s.failures.length} problems)`,
    );
    console.log(`OCR Markdown, ${SEEDS.length} seeds:\n${rows.join("\n")}`);
    expect(scores.length).toBe(cases.length);
  });
});

const FIXTURE = "tests/fixtures/ocr-markdown/county-market-bureau-2021-ocr.md";
const ZERO_ROW = { natural: 0, commercial: 0, research: 0, nonprofit: 0, legal: 0, otherOrg: 0, total: 0 };
const row = (natural: number, commercial: number, nonprofit: number, legal: number, total: number) => ({
  ...ZERO_ROW,
  natural,
  commercial,
  nonprofit,
  legal,
  total,
});

async function parseFixture(edit: (text: string) => string = (t) => t) {
  const text = edit(readFileSync(FIXTURE, "utf8"));
  return parseDocument(new TextEncoder().encode(text), { fileName: "report.md", mediaType: "text/markdown" });
}

describe("a whole report as an OCR tool wrote it (HTML table A, damaged pipe table B, grid table C)", () => {
  it("reads every cell as printed", async () => {
    const parsed = await parseFixture();
    expect([parsed.agency, parsed.year, parsed.format, parsed.publishedAt]).toEqual([
      "青田县市场监督管理局",
      2021,
      "2021",
      "2022-01-25",
    ]);
    expect(parsed.active).toEqual({
      rules: { made: 0, repealed: 0, inForce: 0 },
      normativeDocs: { made: 2, repealed: 1, inForce: 15 },
      licensing: { decisions: 1268 },
      penalty: { decisions: 342 },
      coercion: { decisions: 17 },
      fees: { amount: 12.5 },
    });
    const apps = parsed.applications as Record<string, unknown>;
    expect(apps.received).toEqual(row(23, 4, 1, 2, 30));
    expect(apps.granted).toEqual(row(10, 2, 0, 1, 13));
    expect(apps.partial).toEqual(row(3, 1, 0, 0, 4));
    expect(apps.deniedSecurityStability).toEqual(ZERO_ROW);
    expect(apps.deniedThirdParty).toEqual(row(1, 0, 0, 0, 1));
    expect(apps.unableNotHeld).toEqual(row(5, 1, 1, 0, 7));
    expect(apps.notHandledPublication).toEqual(ZERO_ROW);
    expect(apps.processedTotal).toEqual(row(23, 4, 1, 1, 29));
    expect(apps.carriedForward).toEqual(row(2, 0, 0, 1, 3));
    expect(parsed.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    expect(parsed.litigationDirect).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    expect(parsed.litigationAfterReview).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
    expect(parsed.issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  it("splits two cells run together where the row's total decides it", async () => {
    const parsed = await parseFixture((t) => t.replace("| 10 2 |", "| 102 |"));
    expect((parsed.applications as Record<string, unknown>).granted).toEqual(row(10, 2, 0, 1, 13));
  });

  it("leaves cells it cannot place null, with an issue naming them, when the total does not add up", async () => {
    const parsed = await parseFixture((t) =>
      t.replace("| 10 2 | 0 | 0 | 1 | 0 | 13 |", "| 102 | 0 | 0 | 1 | 0 | 14 |"),
    );
    const granted = (parsed.applications as Record<string, Record<string, number | null>>).granted;
    // Where the lost `|` was decides every cell from the glued one on: none of them is guessed.
    for (const column of ["natural", "commercial", "legal"]) {
      expect(granted[column]).toBeNull();
      expect(isNamedByIssue(parsed, `applications.granted.${column}`)).toBe(true);
    }
    const undecided = parsed.issues.find((i) => i.code === "UNDECIDED_CELL");
    expect(undecided?.message).toContain("（一）予以公开");
  });
});

describe("table 四 printed one row per block (行政复议, 未经复议直接起诉, 复议后起诉), damaged", () => {
  const rowsTable = [
    "| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
    "| --- | --- | --- | --- | --- | --- |",
    "| **行政复议** | 1 | 0 | 0 | 1 | 2 || 行政诉讼（未经复议直接起诉） | 0 | 1 | 0 | 0 | 1 |",
    "| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
    "| 行政诉讼（复议后起诉） |",
    "| 0 | 0 | 20 | 2 |",
  ].join("\n");
  const withRowsTable = (text: string) => text.replace(/\+-{6}[\s\S]*\+-{6}[^\n]*\n(?=\n## 五)/, `${rowsTable}\n`);

  it("keeps all fifteen cells: merged rows split, a repeated header skipped, a glued cell split by its total", async () => {
    const parsed = await parseFixture(withRowsTable);
    expect(parsed.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    expect(parsed.litigationDirect).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    expect(parsed.litigationAfterReview).toEqual({ upheld: 0, corrected: 0, other: 2, pending: 0, total: 2 });
  });
});
