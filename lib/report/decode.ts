import iconv from "iconv-lite";
import { describeTooLarge } from "./describe-size";
import { ReportParseError } from "./errors";

/** `image`: a PNG, JPEG or TIFF of a page or a table, read by OCR outside the parser. */
export type DocumentKind = "pdf" | "docx" | "html" | "text" | "image";

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function indexOfAscii(bytes: Uint8Array, needle: string, limit = bytes.length): number {
  const codes = [...needle].map((c) => c.charCodeAt(0));
  const end = Math.min(limit, bytes.length) - codes.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < codes.length; j++) if (bytes[i + j] !== codes[j]) continue outer;
    return i;
  }
  return -1;
}

/** Classifies the bytes by signature, then by media type / file name, then by content. */
export function sniffKind(bytes: Uint8Array, opts: { fileName?: string; mediaType?: string }): DocumentKind {
  if (bytes.length === 0) throw new ReportParseError("EMPTY_FILE", "文件为空，没有可解析的内容");
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ReportParseError("FILE_TOO_LARGE", describeTooLarge(bytes.length, MAX_FILE_BYTES).replace(/。$/, ""));
  }
  if (indexOfAscii(bytes, "%PDF-", 1024) >= 0) return "pdf";
  if (isImage(bytes)) return "image";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (indexOfAscii(bytes, "word/") >= 0) return "docx";
    throw new ReportParseError("UNSUPPORTED_FORMAT", "不支持的压缩文件格式：只能解析 PDF、DOCX、HTML 和纯文本");
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ReportParseError(
      "UNSUPPORTED_FORMAT",
      "不支持旧版 Word（.doc）或 Excel 文件，请另存为 DOCX 或 PDF 后再上传",
    );
  }
  const name = (opts.fileName ?? "").toLowerCase();
  const media = (opts.mediaType ?? "").toLowerCase();
  if (media.includes("pdf") || name.endsWith(".pdf")) {
    throw new ReportParseError("CORRUPT_FILE", "文件声明为 PDF，但内容不是有效的 PDF（缺少 %PDF 文件头）");
  }
  return "text";
}

const IMAGE_SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
];

function isImage(bytes: Uint8Array): boolean {
  return IMAGE_SIGNATURES.some((sig) => startsWith(bytes, sig));
}

/** `replaced`: byte sequences that could not be decoded and stand as U+FFFD in `text`. */
export type DecodedText = { text: string; encoding: string; replaced?: number };

/** Invalid UTF-8 sequences a real page may carry (a truncated character, a stray Windows-1252 quote) and still be UTF-8. */
const MAX_STRAY_SHARE = 0.002;

function countChar(s: string, ch: string): number {
  let n = 0;
  for (let at = s.indexOf(ch); at !== -1; at = s.indexOf(ch, at + 1)) n++;
  return n;
}

/** UTF-8 with its few invalid sequences replaced, or null when there are too many for the bytes to be UTF-8. */
function decodeUtf8WithStrays(bytes: Uint8Array, declaredUtf8: boolean): DecodedText | null {
  const text = new TextDecoder("utf-8").decode(bytes);
  const encodedMarks = countChar(new TextDecoder("latin1").decode(bytes), "\u00ef\u00bf\u00bd");
  const replaced = countChar(text, "\ufffd") - encodedMarks;
  if (replaced <= 0) return null;
  const tolerated = Math.max(declaredUtf8 ? 64 : 8, text.length * MAX_STRAY_SHARE);
  return replaced <= tolerated ? { text, encoding: "utf-8", replaced } : null;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, skip: number): string {
  return new TextDecoder(littleEndian ? "utf-16le" : "utf-16be").decode(bytes.subarray(skip));
}

function guessUtf16WithoutBom(bytes: Uint8Array): "le" | "be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "be";
  return null;
}

const CHARSET_ALIASES: Record<string, string> = {
  gb2312: "gb18030",
  gbk: "gb18030",
  gb18030: "gb18030",
  "x-gbk": "gb18030",
  cp936: "gb18030",
  big5: "big5",
  "utf-8": "utf-8",
  utf8: "utf-8",
};

function declaredCharset(bytes: Uint8Array): string | null {
  // One character per byte is all the ASCII patterns below need (Buffer's latin1 is far cheaper than TextDecoder's).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /encoding=["']([\w-]+)["']/i.exec(head);
  return m ? (CHARSET_ALIASES[m[1].toLowerCase()] ?? null) : null;
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

/** BOM first, then a declared `<meta charset>`, then strict UTF-8, else GB18030 (a superset of GBK/GB2312). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]))
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeUtf16(bytes, true, 2), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeUtf16(bytes, false, 2), encoding: "utf-16be" };
  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16) return { text: decodeUtf16(bytes, utf16 === "le", 0), encoding: `utf-16${utf16}` };
  let strictUtf8: string | null = null;
  try {
    strictUtf8 = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    strictUtf8 = null;
  }
  const declared = declaredCharset(bytes);
  if (declared && declared !== "utf-8" && !(strictUtf8 !== null && hasNonAscii(strictUtf8))) {
    return { text: iconv.decode(Buffer.from(bytes), declared), encoding: declared };
  }
  if (strictUtf8 !== null) return { text: strictUtf8, encoding: "utf-8" };
  if (!declared || declared === "utf-8") {
    const lenient = decodeUtf8WithStrays(bytes, declared === "utf-8");
    if (lenient) return lenient;
  }
  return { text: iconv.decode(Buffer.from(bytes), "gb18030"), encoding: "gb18030" };
}

/** True when decoded text is mostly control characters or replacement marks, i.e. the bytes were not text. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 20000);
  if (sample.length === 0) return true;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0xe000 && c <= 0xf8ff)) bad++;
  }
  return bad / sample.length > 0.05;
}

export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 5000).toLowerCase();
  return (
    /<(!doctype html|html|body|table|div|p)[\s>]/.test(head) || /<\/(p|div|td|tr|table)>/.test(text.slice(0, 200000))
  );
}
