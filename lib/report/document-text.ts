import { ReportParseError, TimeBudget } from "./errors";
import { extractDocument } from "./extract-document";

/** Reading a whole document for display may take longer than parsing's table budget, but never unboundedly. */
export const DOCUMENT_TEXT_TIMEOUT_MS = 15_000;

/**
 * The text of an original exactly as the parser reads it, one line per text line or table row: HTML and DOCX without
 * markup, scripts or styles, PDF as its text layer, text as decoded; null for binary content. Throws
 * `ReportParseError` (Chinese message) when the document cannot be read, or not within the time budget.
 */
export async function extractDocumentText(
  bytes: Uint8Array,
  opts: { fileName?: string; mediaType?: string; timeoutMs?: number } = {},
): Promise<string | null> {
  const budget = new TimeBudget(opts.timeoutMs ?? DOCUMENT_TEXT_TIMEOUT_MS);
  // mammoth (DOCX) cannot be interrupted: the view stops waiting for it when the budget runs out.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ReportParseError("TIMEOUT", "读取超时：文档在规定时间内未能读取完成")),
      budget.remainingMs(),
    );
  });
  try {
    const doc = await Promise.race([extractDocument(bytes, opts, budget), timeout]);
    return doc.lines.join("\n");
  } catch (error) {
    if (error instanceof ReportParseError && error.code === "UNSUPPORTED_FORMAT") return null;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
