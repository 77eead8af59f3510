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
import type { RenderedDocument, Rendering, RenderOptions } from "./types";
import { RENDERINGS } from "./types";

export { type Agency, BUILT_IN_REGIONS, pickAgency, type RegionLike } from "./agency";
export { countRowReadings, findAmbiguousCells } from "./ambiguity";
export { buildDocument } from "./build-document";
export { findCjkFont } from "./cjk-font";
export { compareParse, isNamedByIssue, type ParseProblem, readCell } from "./compare";
export type { RenderingCapabilities } from "./mess-plan";
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
  Rendering,
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
  rendering: Rendering,
  report: GeneratedReport,
  rng: Rng,
  opts: RenderOptions,
): Promise<RenderedDocument> {
  return RENDERERS[rendering](report, rng, opts);
}

let regions: RegionLike[] | null = null;

/** The real GB/T 2260 regions agencies are drawn from. */
function loadRegions(): RegionLike[] {
  regions ??= listRegions();
  return regions;
}

export type Sample = {
  seed: number;
  rendering: Rendering;
  messiness: number;
  report: GeneratedReport;
  document: RenderedDocument;
};

/**
 * One sample, reproducible from (seed, rendering): the report, the messiness and the document all draw from one
 * PRNG. `messiness` overrides the drawn one.
 */
export async function generateSample(
  seed: number,
  rendering: Rendering,
  opts: { messiness?: number } = {},
): Promise<Sample> {
  const rng = createRng(seed);
  const report = generateReport(rng, { regions: loadRegions() });
  const drawn = rng.next();
  const messiness = opts.messiness ?? drawn;
  const document = await renderReport(rendering, report, rng, { messiness });
  return { seed, rendering, messiness, report, document };
}

/** `count` samples per rendering, seeds seed, seed+1, …; yields them one by one to keep memory flat. */
export async function* generateCorpus(opts: {
  count: number;
  seed: number;
  renderings?: readonly Rendering[];
  messiness?: number;
}): AsyncGenerator<Sample> {
  for (const rendering of opts.renderings ?? RENDERINGS) {
    for (let i = 0; i < opts.count; i++) {
      yield generateSample(opts.seed + i, rendering, opts.messiness === undefined ? {} : { messiness: opts.messiness });
    }
  }
}
