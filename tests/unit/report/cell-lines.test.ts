import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listRegions } from "@/lib/regions";
import { createRng, generateSample } from "@/lib/sample/generate";
import { isNamedByIssue, readCell } from "@/lib/sample/generate/compare";
import { generateReport } from "@/lib/sample/generate/random-report";
import { layOut } from "@/lib/sample/generate/render-common";
import {
  type CellLineStyle,
  drawCellLineStyle,
  flattenHtmlToCellLines,
  writeColumnMajor,
  writeWrappedActiveRows,
} from "@/lib/sample/generate/transform-cell-lines";
import type { ExpectedParse } from "@/lib/sample/generate/types";
import { listHandReadCells, parseText, scoreParse } from "../../support/score-cells";

const REAL = path.resolve(import.meta.dirname, "../../fixtures/real");
const SEEDS = 40;

describe("沭阳 page flattened one cell per line", () => {
  const want = JSON.parse(readFileSync(`${REAL}/expected.json`, "utf8"))["shuyang-ndrc-2023.html"];
  const html = new Uint8Array(readFileSync(`${REAL}/shuyang-ndrc-2023.html`));
  const styles: CellLineStyle[] = [
    { pipe: false, emptyCell: "", doubleSpaced: false },
    { pipe: true, emptyCell: "|", doubleSpaced: false },
    { pipe: true, emptyCell: "|", doubleSpaced: true },
    { pipe: false, emptyCell: "|", doubleSpaced: true },
  ];
  for (const style of styles) {
    it(`reads all 200 cells (${JSON.stringify(style)})`, async () => {
      const parsed = await parseText(flattenHtmlToCellLines(html, style));
      const cells = listHandReadCells(want);
      expect(cells.length).toBe(200);
      expect(cells.filter(([path, value]) => readCell(parsed, path) !== value)).toEqual([]);
    });
  }
});

type Variant = {
  name: string;
  minRight: number;
  make: (seed: number) => Promise<{ text: string; expected: ExpectedParse }>;
};
const regions = listRegions();

const VARIANTS: Variant[] = [
  {
    name: "generated HTML, one cell per line",
    minRight: 0.99,
    make: async (seed) => {
      const s = await generateSample(seed, "html");
      return {
        text: flattenHtmlToCellLines(s.document.bytes, drawCellLineStyle(createRng(seed * 7 + 1))),
        expected: s.document.expected,
      };
    },
  },
  {
    name: "layout-less PDF text, column by column",
    // Empty cells print nothing there: a table with blanks is undecidable and must come out unplaced.
    minRight: 0.88,
    make: async (seed) => {
      const rng = createRng(seed);
      const report = generateReport(rng, { regions });
      const { document, expected } = layOut(report, rng, { messiness: rng.next() });
      return { text: writeColumnMajor(document).join("\n"), expected };
    },
  },
  {
    name: "2019 table 一 with labels wrapped around their numbers",
    minRight: 0.99,
    make: async (seed) => {
      const rng = createRng(seed);
      const report = generateReport(rng, { regions, layout: "2019" });
      const { document, expected } = layOut(report, rng, { messiness: rng.next() });
      return { text: writeWrappedActiveRows(document, rng).join("\n"), expected };
    },
  },
];

describe(`generated reports through the cell-line transformations (${SEEDS} seeds each)`, () => {
  for (const variant of VARIANTS) {
    it(variant.name, async () => {
      let right = 0;
      let unresolved = 0;
      let cells = 0;
      const unnamed: string[] = [];
      for (let seed = 1; seed <= SEEDS; seed++) {
        const { text, expected } = await variant.make(seed);
        const parsed = await parseText(text);
        const score = scoreParse(expected, parsed);
        right += score.right;
        unresolved += score.unresolved;
        cells += Object.values(expected.cells).filter((c) => c.present).length;
        for (const w of score.wrong) {
          if (!isNamedByIssue(parsed, w.cell)) unnamed.push(`seed ${seed} ${w.cell}: ${w.expected} → ${w.got}`);
        }
      }
      console.log(`${variant.name}: ${right}/${cells} right, ${unresolved} unresolved with an issue`);
      expect(unnamed).toEqual([]);
      expect(right / cells).toBeGreaterThanOrEqual(variant.minRight);
    });
  }
});
