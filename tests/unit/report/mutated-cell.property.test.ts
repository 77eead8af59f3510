import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import type { ParsedReport } from "@/lib/report/schema";
import { compareParse, createRng, generateSample, isNamedByIssue, readCell } from "@/lib/sample/generate";
import { CELL_MUTATIONS, type MutatedText, mutateCell } from "@/lib/sample/generate/transform-mutate-cell";
import { readRenderedText, writeRenderedText } from "../../support/rendered-text";

// The guarantee under test: a printed number altered in any way is read as printed or named by an issue.
const RUNS = Number(process.env.MUTATION_RUNS ?? 20);

/** Cells that differ from the unaltered reading, are not named by any issue, and are not the altered cell read right. */
function findUnflagged(wrong: { cell: string; got: unknown }[], parsed: ParsedReport, mutated: MutatedText): string[] {
  let readRight = 0;
  return wrong
    .filter((p) => {
      if (isNamedByIssue(parsed, p.cell)) return false;
      return !(mutated.value !== null && p.got === mutated.value && readRight++ === 0);
    })
    .map((p) => `${p.cell}=${JSON.stringify(p.got)}`);
}

describe("a printed number altered (changed, deleted, negated, a stray number added, two glued)", () => {
  for (const shape of ["html", "markdown", "text-lines"] as const) {
    it(`is read as printed or named by an issue (${shape}, ${RUNS} seeds × ${CELL_MUTATIONS.length})`, async () => {
      const failures: string[] = [];
      for (let seed = 1; seed <= RUNS; seed++) {
        const sample = await generateSample(seed, shape);
        const { fileName } = sample.document;
        const before = await parseDocument(sample.document.bytes, { fileName });
        const misread = new Set(compareParse(sample.document.expected, before).map((p) => p.cell));
        for (const mutation of CELL_MUTATIONS) {
          const mutated = mutateCell(
            readRenderedText(sample.document),
            createRng(seed * 31 + mutation.length),
            mutation,
          );
          if (!mutated) continue;
          const parsed = await parseDocument(writeRenderedText(sample.document, mutated.text), { fileName });
          const wrong = compareParse(sample.document.expected, parsed).filter(
            (p) => p.cell !== "publishedAt" && !misread.has(p.cell),
          );
          const unflagged = findUnflagged(wrong, parsed, mutated);
          if (unflagged.length > 0) failures.push(`seed ${seed} ${mutation} “${mutated.printed}”: ${unflagged}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("holds on the real reports too", async () => {
    const dir = path.resolve(import.meta.dirname, "../../fixtures/real");
    const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Record<string, object>;
    const failures: string[] = [];
    for (const file of ["shuyang-ndrc-2023.html", "mudanjiang-education-2019.txt"]) {
      const text = readFileSync(path.join(dir, file), "utf8");
      const want = Object.entries(expected).find(([k]) => k.startsWith(file))?.[1] as Record<string, unknown>;
      const cells = Object.entries(want).flatMap(([table, rows]) =>
        rows && typeof rows === "object" && !table.startsWith("_")
          ? Object.entries(rows).flatMap(([row, v]) =>
              v && typeof v === "object"
                ? Object.entries(v).map(([c, x]) => [`${table}.${row}.${c}`, x] as const)
                : [[`${table}.${row}`, v] as const],
            )
          : [],
      );
      const before = await parseDocument(new TextEncoder().encode(text), { fileName: file });
      const misread = new Set(cells.filter(([p, v]) => readCell(before, p) !== v).map(([p]) => p));
      for (let seed = 1; seed <= RUNS; seed++) {
        for (const mutation of CELL_MUTATIONS) {
          const mutated = mutateCell(text, createRng(seed * 31 + mutation.length), mutation);
          if (!mutated) continue;
          const parsed = await parseDocument(new TextEncoder().encode(mutated.text), { fileName: file });
          const wrong = cells
            .filter(([p, v]) => !misread.has(p) && typeof v === "number" && readCell(parsed, p) !== v)
            .map(([p]) => ({ cell: p, got: readCell(parsed, p) }));
          const unflagged = findUnflagged(wrong, parsed, mutated);
          if (unflagged.length > 0)
            failures.push(`${file} seed ${seed} ${mutation} “${mutated.printed}”: ${unflagged}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
