import { decodeText, looksBinary, looksLikeHtml, sniffKind } from "./decode";
import type { Item, SourceFormat } from "./document";
import { ReportParseError, type TimeBudget } from "./errors";
import { normaliseRadicals } from "./radicals";
import { alignedLines, isSpaceAligned } from "./sources/aligned-text";
import { docxToHtml } from "./sources/docx";
import { extractHtml } from "./sources/html";
import { htmlTablesToPipeRows, isMarkdownWithHtmlTables } from "./sources/markdown-html-tables";
import { dropPageFurniture } from "./sources/page-furniture";
import { extractPdf } from "./sources/pdf";
import { linesToItems } from "./sources/text";

/** A document as read: items in reading order, its text lines, and what it says about itself. */
export type ExtractedDocument = {
  format: SourceFormat;
  items: Item[];
  lines: string[];
  titles: string[];
  encoding: string | null;
  fileDate: string | null;
  /** Byte sequences of a text document that were not valid in its encoding and were replaced. */
  replaced?: number;
};

/** Reads bytes as whatever they are (PDF, DOCX, HTML, aligned text, text or Markdown) into items and lines. */
export async function extractDocument(
  bytes: Uint8Array,
  opts: { fileName?: string; mediaType?: string },
  budget: TimeBudget,
): Promise<ExtractedDocument> {
  const kind = sniffKind(bytes, opts);
  if (kind === "pdf") {
    const { lines: pdfLines, fileDate } = await extractPdf(bytes, budget);
    const lines = pdfLines.map((l) => l.text);
    const { items } = linesToItems(
      lines,
      budget,
      pdfLines.map((l) => l.xs),
    );
    return { format: "pdf", items, lines, titles: [], encoding: null, fileDate };
  }
  if (kind === "image") {
    throw new ReportParseError("NEEDS_OCR", "图片文件需经 OCR 识别后读取（解析器本身只读取有文字的文档）");
  }
  if (kind === "docx") {
    const html = normaliseRadicals(await docxToHtml(bytes));
    const { items, lines, titles } = extractHtml(html, budget);
    return { format: "docx", items, lines, titles, encoding: null, fileDate: null };
  }
  const decoded = decodeText(bytes);
  let text = normaliseRadicals(decoded.text);
  const encoding = decoded.encoding;
  const replaced = decoded.replaced;
  if (looksBinary(text)) {
    throw new ReportParseError("UNSUPPORTED_FORMAT", "无法识别的文件格式：内容不是文本、HTML、PDF 或 DOCX");
  }
  const media = (opts.mediaType ?? "").toLowerCase();
  const name = (opts.fileName ?? "").toLowerCase();
  const htmlHint = media.includes("html") || /\.s?html?$/.test(name);
  if (!htmlHint && isMarkdownWithHtmlTables(text)) text = htmlTablesToPipeRows(text);
  if (htmlHint || looksLikeHtml(text)) {
    const { items, lines, titles } = extractHtml(text, budget);
    return { format: "html", items, lines, titles, encoding, fileDate: null, replaced };
  }
  const lines = text.split(/\r\n|\r|\n/);
  const body = dropPageFurniture(lines);
  if (isSpaceAligned(body)) {
    const aligned = alignedLines(body);
    const { items } = linesToItems(aligned.lines, budget, aligned.positions);
    return { format: "text", items, lines, titles: [], encoding, fileDate: null, replaced };
  }
  const { items, markdown } = linesToItems(body, budget);
  const md = markdown || media.includes("markdown") || /\.(md|markdown)$/.test(name);
  return { format: md ? "markdown" : "text", items, lines, titles: [], encoding, fileDate: null, replaced };
}
