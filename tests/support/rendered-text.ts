import iconv from "iconv-lite";
import type { RenderedDocument } from "@/lib/sample/generate";

/** A rendered text document's characters, in the encoding it was written in. */
export function readRenderedText(document: RenderedDocument): string {
  return iconv.decode(Buffer.from(document.bytes), document.encoding === "gbk" ? "gbk" : "utf8");
}

/** Text written back in the document's own encoding (GBK pages keep their `<meta charset>`). */
export function writeRenderedText(document: RenderedDocument, text: string): Uint8Array {
  const encoding = document.encoding === "gbk" ? "gbk" : "utf8";
  return new Uint8Array(iconv.encode(text, encoding, { addBOM: document.encoding === "utf-8-bom" }));
}
