import type { OcrProgress } from "@/lib/ocr/read-scan-document";
import { ReportParseError } from "@/lib/report/errors";
import type { ParsedReport } from "@/lib/report/schema";
import { applyMetadata, type DocumentMetadata } from "./metadata";
import { parseDocument } from "./parse-document";

/** Generous against a busy machine; the parser's own default (2 s) is its performance target, not a limit. */
export const PARSE_TIMEOUT_MS = Number(process.env.OGI_PARSE_TIMEOUT_MS ?? 20_000);

export type ParseTask = { bytes: Uint8Array; fileName?: string; mediaType?: string; metadata?: DocumentMetadata };
export type ParseRejection = { code: string; reason: string };

/**
 * Parses bytes into a report, or a Chinese rejection reason; never throws. The CPU half of an ingest, run by a
 * parse-pool worker or in-process (no `server-only` here: workers load it without the react-server condition).
 */
export async function parseForIngest(
  input: ParseTask,
  onOcrProgress?: (p: OcrProgress) => void,
): Promise<ParsedReport | ParseRejection> {
  try {
    const parsed = await parseDocument(input.bytes, {
      fileName: input.fileName,
      mediaType: input.mediaType,
      timeoutMs: PARSE_TIMEOUT_MS,
      onOcrProgress,
    });
    const report = input.metadata ? applyMetadata(parsed, input.metadata) : parsed;
    if (!report.agency || !report.year) {
      return {
        code: "UNIDENTIFIED_REPORT",
        reason: "无法识别报告的机关名称或年度，请在 manifest.csv 中补充机关和年度。",
      };
    }
    return report;
  } catch (error: unknown) {
    if (error instanceof ReportParseError) return { code: error.code, reason: error.message };
    return {
      code: "PARSER_FAILURE",
      reason: `解析器内部错误：${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
