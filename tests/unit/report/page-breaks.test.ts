import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { compareParse, createRng, generateSample, isNamedByIssue, type Rendering } from "@/lib/sample/generate";
import { breakPages, cutTableEnd, type PageBreakNoise } from "@/lib/sample/generate/transform-page-break";
import { readRenderedText, writeRenderedText } from "../../support/rendered-text";

const SEEDS = 16;
const SHAPES: Rendering[] = ["html", "markdown", "text-lines"];
const NOISES: PageBreakNoise[] = ["folio", "folio-of", "running-title", "bare-number"];

/** Cells the altered document reads differently from the unaltered one, as "path=value", split by whether named. */
async function readAltered(seed: number, shape: Rendering, alter: (text: string) => string) {
  const sample = await generateSample(seed, shape);
  const { fileName, expected } = sample.document;
  const before = new Set(
    compareParse(expected, await parseDocument(sample.document.bytes, { fileName })).map((p) => p.cell),
  );
  const text = alter(readRenderedText(sample.document));
  const parsed = await parseDocument(writeRenderedText(sample.document, text), { fileName });
  const wrong = compareParse(expected, parsed).filter((p) => p.cell !== "publishedAt" && !before.has(p.cell));
  const show = (p: { cell: string; got: unknown }) => `seed ${seed}: ${p.cell}=${JSON.stringify(p.got)}`;
  return {
    wrong: wrong.map(show),
    unnamed: wrong.filter((p) => !isNamedByIssue(parsed, p.cell)).map(show),
  };
}

describe("a page break inside a table (folio, running title between two rows)", () => {
  for (const shape of SHAPES) {
    for (const noise of NOISES) {
      // A bare folio line in one-cell-per-line text is indistinguishable from a cell: it must at least be named.
      const mustRead = !(shape === "text-lines" && noise === "bare-number");
      it(`${shape} with ${noise}: ${mustRead ? "every cell read right" : "no cell wrong without an issue"}`, async () => {
        const wrong: string[] = [];
        for (let seed = 1; seed <= SEEDS; seed++) {
          const read = await readAltered(seed, shape, (t) => breakPages(t, createRng(seed), noise));
          wrong.push(...(mustRead ? read.wrong : read.unnamed));
        }
        expect(wrong).toEqual([]);
      });
    }
  }
});

describe("a table's last rows lost at a page or section end", () => {
  for (const shape of SHAPES) {
    for (const table of ["applications", "review"] as const) {
      it(`${shape}, ${table} cut short: every row lost is named by an issue`, async () => {
        const unnamed: string[] = [];
        for (let seed = 1; seed <= SEEDS; seed++) {
          unnamed.push(...(await readAltered(seed, shape, (t) => cutTableEnd(t, createRng(seed), table))).unnamed);
        }
        expect(unnamed).toEqual([]);
      });
    }
  }
});
