import { type OcrProgress, readScanDocument } from "@/lib/ocr/read-scan-document";
import { resolveRegion } from "@/lib/regions";
import { sniffKind } from "@/lib/report/decode";
import { ReportParseError } from "@/lib/report/errors";
import { type ParseOptions, parseReport } from "@/lib/report/parse-report";
import type { ParsedReport } from "@/lib/report/schema";

export type ParseDocumentOptions = Omit<ParseOptions, "resolveRegion"> & {
  /** Called after each page a scan's OCR reads. */
  onOcrProgress?: (p: OcrProgress) => void;
};

/**
 * `parseReport` with the agency's region resolved against the built-in GB/T 2260 tree, and scans (a PDF without a
 * text layer, an image) read by OCR: what ingestion, the CLI and the tests parse with. No `server-only`: CLI
 * scripts and parse-pool workers load it without the react-server condition.
 */
export async function parseDocument(bytes: Uint8Array, opts: ParseDocumentOptions = {}): Promise<ParsedReport> {
  const { onOcrProgress, ...parseOpts } = opts;
  const options = { ...parseOpts, resolveRegion };
  const kind = sniffKind(bytes, opts);
  if (kind === "image") return readScanDocument(bytes, { ...options, kind, onProgress: onOcrProgress });
  try {
    return await parseReport(bytes, options);
  } catch (error) {
    if (!(error instanceof ReportParseError) || error.code !== "NO_TEXT_LAYER") throw error;
    return readScanDocument(bytes, { ...options, kind: "pdf", onProgress: onOcrProgress });
  }
}
