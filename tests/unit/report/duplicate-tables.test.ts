import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import type { ParsedReport } from "@/lib/report/schema";
import { compareParse, createRng, generateSample, readCell } from "@/lib/sample/generate";
import { type CopyDamage, type CopyPlacement, duplicateTables } from "@/lib/sample/generate/transform-duplicate-tables";
import { readRenderedText, writeRenderedText } from "../../support/rendered-text";

const DAMAGES: CopyDamage[] = ["truncated", "blank-totals", "shifted", "none"];
const PLACEMENTS: CopyPlacement[] = ["adjacent", "annex", "annex-damaged"];
const SEEDS = 24;

describe("a statistics table printed twice, one copy damaged", () => {
  for (const shape of ["markdown", "html"] as const) {
    it(`reads the full copy and names the cells the copies disagree on (${shape}, ${SEEDS} seeds)`, async () => {
      const failures: string[] = [];
      const unflagged: number[] = [];
      for (let seed = 1; seed <= SEEDS; seed++) {
        const sample = await generateSample(seed, shape);
        const damage = DAMAGES[seed % DAMAGES.length];
        const placement = PLACEMENTS[seed % PLACEMENTS.length];
        const text = duplicateTables(readRenderedText(sample.document), createRng(seed), {
          damage,
          placement,
          tables: seed % 2 ? "all" : "one",
        });
        const parsed = await parseDocument(writeRenderedText(sample.document, text), {
          fileName: sample.document.fileName,
        });
        const problems = compareParse(sample.document.expected, parsed).filter((p) => p.cell !== "publishedAt");
        if (problems.length > 0) {
          failures.push(`seed ${seed} ${damage}/${placement}: ${JSON.stringify(problems.slice(0, 3))}`);
        }
        // A copy cut short may keep no value row at all (table 四 has one): then it is no copy to report.
        if (damage !== "truncated" && !parsed.issues.some((i) => i.code === "DUPLICATE_TABLE")) unflagged.push(seed);
      }
      expect(failures).toEqual([]);
      expect(unflagged).toEqual([]);
    });
  }

  it("reads the real 沭阳 page whose tables are cut short and printed again in an annex", async () => {
    const dir = path.resolve(import.meta.dirname, "../../fixtures/real");
    const html = readFileSync(path.join(dir, "shuyang-ndrc-2023.html"), "utf8");
    const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8"))["shuyang-ndrc-2023.html"];
    const text = duplicateTables(html, createRng(5), { damage: "truncated", placement: "annex" });
    expect(text.length).toBeGreaterThan(html.length);
    const parsed = (await parseDocument(new TextEncoder().encode(text), { fileName: "page.html" })) as ParsedReport;
    const wrong: string[] = [];
    for (const table of ["applications", "review", "litigationDirect", "litigationAfterReview"]) {
      for (const [row, cells] of Object.entries(expected[table] as Record<string, unknown>)) {
        const leaves = typeof cells === "object" && cells ? Object.entries(cells) : [["", cells]];
        for (const [column, value] of leaves) {
          const cell = [table, row, column].filter(Boolean).join(".");
          if (typeof value === "number" && readCell(parsed, cell) !== value) wrong.push(cell);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The cut copy prints a subset of the full one's cells, all equal: a note, not a warning.
    const duplicates = parsed.issues.filter((i) => i.code === "DUPLICATE_TABLE").map((i) => i.message);
    expect(duplicates).toContainEqual(expect.stringMatching(/^表三在文档中出现 2 次，数值一致，取第 2 次出现的表格/));
  });
});
