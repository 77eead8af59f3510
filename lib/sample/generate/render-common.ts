import { buildDocument, type ShapeCapabilities } from "./document";
import type { GeneratedReport } from "./random-report";
import type { Rng } from "./rng";
import type { ExpectedParse, RenderOptions, ReportDocument } from "./types";

export const FULL_CAPABILITIES: ShapeCapabilities = { blankCells: true, thousandsSeparators: true, misprints: true };

export function layOut(
  report: GeneratedReport,
  rng: Rng,
  opts: RenderOptions,
  capabilities: ShapeCapabilities = FULL_CAPABILITIES,
): { document: ReportDocument; expected: ExpectedParse } {
  return buildDocument(report, rng, { messiness: opts.messiness, capabilities });
}

/** A file name as a crawler or a download would give it. */
export function pickFileName(rng: Rng, doc: ReportDocument, extension: string): string {
  const compact = doc.publishedAt.replace(/-/g, "");
  return rng.pickWeighted<string>([
    [`${doc.title.replace(/\s+/g, "")}.${extension}`, 4],
    [`t${compact}_${rng.int(10000, 99999)}.${extension}`, 2],
    [`${rng.int(10 ** 7, 10 ** 8 - 1).toString(16)}${rng.int(10 ** 7, 10 ** 8 - 1).toString(16)}.${extension}`, 1],
  ]);
}

/** The 发布日期 line under a title, in one of the ways CMS pages print it. */
export function formatDateLine(rng: Rng, doc: ReportDocument, source: string): string {
  const time = `${String(rng.int(8, 18)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`;
  return rng.pick([
    `发布日期：${doc.publishedAt}`,
    `发布日期：${doc.publishedAt}　来源：${source}`,
    `发布时间：${doc.publishedAt} ${time}`,
    `日期:${doc.publishedAt} 来源:${source}`,
    `公开日期：${doc.publishedAt}　　浏览次数：${rng.int(12, 3000)}`,
  ]);
}

export function pickSource(rng: Rng, agency: string): string {
  return rng.pick([agency, `${agency}办公室`, "本网"]);
}
