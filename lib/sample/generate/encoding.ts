import iconv from "iconv-lite";
import type { Rng } from "./rng";

export type TextEncoding = "utf-8" | "utf-8-bom" | "gbk";

export function pickEncoding(rng: Rng): TextEncoding {
  return rng.pickWeighted<TextEncoding>([
    ["utf-8", 5],
    ["utf-8-bom", 2],
    ["gbk", 3],
  ]);
}

/** Whether every character of the text survives GBK (some symbols do not). */
export function fitsGbk(text: string): boolean {
  return iconv.decode(iconv.encode(text, "gbk"), "gbk") === text;
}

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === "gbk") return new Uint8Array(iconv.encode(text, "gbk"));
  const body = new TextEncoder().encode(text);
  if (encoding === "utf-8") return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
