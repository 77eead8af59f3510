import { buildDocument } from "./build-document";
import { encodeText, fitsGbk, pickEncoding } from "./encoding";
import { FULL_CAPABILITIES, type RenderingCapabilities } from "./mess-plan";
import type { GeneratedReport } from "./random-report";
import type { Rng } from "./rng";
import type { ExpectedParse, RenderedDocument, Rendering, RenderOptions, ReportDocument } from "./types";

/** The report laid out as a document with the rendering's opts, and the ground truth for it. */
export function layOut(
  report: GeneratedReport,
  rng: Rng,
  opts: RenderOptions,
  capabilities: RenderingCapabilities = FULL_CAPABILITIES,
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

/** A plain-text rendering's file: a drawn encoding (UTF-8 when GBK cannot hold the text) and a file name. */
export function packTextFile(
  rng: Rng,
  text: string,
  document: ReportDocument,
  expected: ExpectedParse,
  rendering: Rendering,
): RenderedDocument {
  let encoding = pickEncoding(rng);
  if (encoding === "gbk" && !fitsGbk(text)) encoding = "utf-8";
  return {
    bytes: encodeText(text, encoding),
    fileName: pickFileName(rng, document, "txt"),
    mediaType: "text/plain",
    rendering,
    encoding,
    expected,
  };
}
