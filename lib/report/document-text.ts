import { decodeText, looksBinary, sniffKind } from "./decode";
import { ReportParseError, TimeBudget } from "./errors";
import { normaliseRadicals } from "./radicals";
import { docxToHtml } from "./sources/docx";
import { extractHtml } from "./sources/html";
import { extractPdf } from "./sources/pdf";

/** Reading a whole document for display may take longer than parsing's table budget, but never unboundedly. */
export const DOCUMENT_TEXT_TIMEOUT_MS = 15_000;

/**
 * The text of an original as the parser reads it, for a plain-text view: PDF and DOCX one line per text line or table
 * row, text and HTML decoded as stored (markup shown, never run); null for binary content. Throws
 * `ReportParseError` (Chinese message) when the document cannot be read, or not within the time budget.
 */
export async function extractDocumentText(
  bytes: Uint8Array,
  opts: { fileName?: string; mediaType?: string; timeoutMs?: number } = {},
): Promise<string | null> {
  const kind = sniffKind(bytes, opts);
  const budget = new TimeBudget(opts.timeoutMs ?? DOCUMENT_TEXT_TIMEOUT_MS);
  if (kind === "pdf") {
    const { lines } = await extractPdf(bytes, budget);
    return lines.map((l) => l.text).join("\n");
  }
  if (kind === "docx") {
    // mammoth cannot be interrupted: the view stops waiting for it when the budget runs out.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ReportParseError("TIMEOUT", "读取超时：DOCX 文档在规定时间内未能读取完成")),
        budget.remainingMs(),
      );
    });
    const converted = await Promise.race([docxToHtml(bytes), timeout]).finally(() => clearTimeout(timer));
    const html = normaliseRadicals(converted);
    return extractHtml(html, budget).lines.join("\n");
  }
  const { text } = decodeText(bytes);
  return looksBinary(text) ? null : text;
}
