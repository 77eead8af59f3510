import { listRegions } from "@/lib/regions";
import type { RegionLike } from "./agency";
import type { GeneratedReport } from "./random-report";
import { generateReport } from "./random-report";
import { renderDocx } from "./render-docx";
import { renderHtml } from "./render-html";
import { renderMarkdown } from "./render-markdown";
import { renderPdf } from "./render-pdf";
import { renderRunTogether } from "./render-run-together";
import { renderTextLines } from "./render-text-lines";
import { createRng, type Rng } from "./rng";
import type { RenderedDocument, RenderOptions, Shape } from "./types";
import { SHAPES } from "./types";

export { type Agency, BUILT_IN_REGIONS, pickAgency, type RegionLike } from "./agency";
export { countRowReadings, findAmbiguousCells } from "./ambiguity";
export { findCjkFont } from "./cjk-font";
export { compareParse, issueNames, type ParseProblem, readCell } from "./compare";
export { buildDocument, type ShapeCapabilities } from "./document";
export { type GeneratedReport, type GenerateReportOptions, generateReport, listCells } from "./random-report";
export { renderDocx } from "./render-docx";
export { renderHtml } from "./render-html";
export { renderMarkdown } from "./render-markdown";
export { renderPdf } from "./render-pdf";
export { renderRunTogether } from "./render-run-together";
export { renderTextLines } from "./render-text-lines";
export { createRng, type Rng } from "./rng";
export * from "./types";

const RENDERERS: Record<
  Shape,
  (r: GeneratedReport, rng: Rng, o: RenderOptions) => RenderedDocument | Promise<RenderedDocument>
> = {
  html: renderHtml,
  "text-lines": renderTextLines,
  "run-together": renderRunTogether,
  markdown: renderMarkdown,
  docx: renderDocx,
  pdf: renderPdf,
};

export async function renderReport(
  shape: Shape,
  report: GeneratedReport,
  rng: Rng,
  opts: RenderOptions,
): Promise<RenderedDocument> {
  return RENDERERS[shape](report, rng, opts);
}

let regions: RegionLike[] | null = null;

/** The real GB/T 2260 regions agencies are drawn from. */
function loadRegions(): RegionLike[] {
  regions ??= listRegions();
  return regions;
}

export type Sample = {
  seed: number;
  shape: Shape;
  messiness: number;
  report: GeneratedReport;
  document: RenderedDocument;
};

/**
 * One sample, reproducible from (seed, shape): the report, the messiness and the rendering all draw from one PRNG.
 * `messiness` overrides the drawn one.
 */
export async function generateSample(seed: number, shape: Shape, opts: { messiness?: number } = {}): Promise<Sample> {
  const rng = createRng(seed);
  const report = generateReport(rng, { regions: loadRegions() });
  const drawn = rng.next();
  const messiness = opts.messiness ?? drawn;
  const document = await renderReport(shape, report, rng, { messiness });
  return { seed, shape, messiness, report, document };
}

/** `count` samples per shape, seeds seed, seed+1, …; yields them one by one to keep memory flat. */
export async function* generateCorpus(opts: {
  count: number;
  seed: number;
  shapes?: readonly Shape[];
  messiness?: number;
}): AsyncGenerator<Sample> {
  for (const shape of opts.shapes ?? SHAPES) {
    for (let i = 0; i < opts.count; i++) {
      yield generateSample(opts.seed + i, shape, opts.messiness === undefined ? {} : { messiness: opts.messiness });
    }
  }
}
