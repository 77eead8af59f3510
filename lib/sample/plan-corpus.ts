import { listRegions } from "@/lib/regions";
import {
  createRng,
  type GeneratedReport,
  generateReport,
  pickAgency,
  type Rendering,
  type Rng,
  renderReport,
} from "@/lib/sample/generate";
import { chainCarryOver } from "./chain-years";

export type CorpusOptions = {
  agencies: number;
  fromYear: number;
  toYear: number;
  seed: number;
  /** Province code prefixes (e.g. "23") to place agencies in; all provinces when empty. */
  provinces?: string[];
  renderings?: readonly Rendering[];
};

export type CorpusDocument = { report: GeneratedReport; rendering: Rendering; fileName: string; bytes: Uint8Array };

const RENDERING_WEIGHTS: [Rendering, number][] = [
  ["html", 40],
  ["pdf", 18],
  ["docx", 14],
  ["text-lines", 14],
  ["markdown", 8],
  ["run-together", 6],
];

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Ground-truth reports agency by agency, year by year: carry-over chained, some late, some inconsistent, some missing. */
export function* planReports(options: CorpusOptions): Generator<{ report: GeneratedReport; rng: Rng }> {
  const rng = createRng(options.seed);
  const regions = listRegions().filter(
    (r) => !options.provinces?.length || options.provinces.some((p) => r.code.startsWith(p)),
  );
  const seen = new Set<string>();
  for (let i = 0; i < options.agencies; i++) {
    let agency = pickAgency(rng, regions);
    for (let tries = 0; seen.has(agency.name) && tries < 20; tries++) agency = pickAgency(rng, regions);
    if (seen.has(agency.name)) continue;
    seen.add(agency.name);
    let previous: GeneratedReport | undefined;
    const firstYear = options.fromYear + (rng.chance(0.15) ? rng.int(1, 2) : 0);
    for (let year = firstYear; year <= options.toYear; year++) {
      const report = generateReport(rng, {
        year,
        layout: year <= 2020 ? "2019" : "2021",
        agency: agency.name,
        region: agency.region,
      });
      chainCarryOver(report, previous);
      previous = report;
      if (rng.chance(0.05)) continue; // a report that was never published
      if (rng.chance(0.08)) report.publishedAt = shiftDate(`${year + 1}-04-01`, rng.int(0, 120));
      if (rng.chance(0.03) && report.applications.received?.total !== undefined) {
        report.applications.received.total = (report.applications.received.total ?? 0) + 1; // a misprinted total
      }
      yield { report, rng };
    }
  }
}

/** Renders the planned reports into documents, each in a rendering drawn by weight. */
export async function* generateCorpusDocuments(options: CorpusOptions): AsyncGenerator<CorpusDocument> {
  const weights = RENDERING_WEIGHTS.filter(([r]) => !options.renderings || options.renderings.includes(r));
  for (const { report, rng } of planReports(options)) {
    const rendering = rng.pickWeighted(weights);
    const document = await renderReport(rendering, report, rng, { messiness: rng.next() * 0.5 });
    yield { report, rendering, fileName: document.fileName, bytes: document.bytes };
  }
}
