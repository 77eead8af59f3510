import type { OcrWord } from "./run-tesseract";

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

/** Joins Tesseract's words into text: Chinese characters run together, other words keep their space. */
export function joinWords(words: OcrWord[]): string {
  let out = "";
  let prev = "";
  for (const w of words) {
    const text = w.text;
    if (out && !(CJK.test(prev.slice(-1)) || CJK.test(text[0]))) out += " ";
    out += text;
    prev = text;
  }
  return out;
}

/** Words grouped into printed lines (Tesseract's block/paragraph/line), top to bottom. */
export function groupLines(words: OcrWord[]): OcrWord[][] {
  const lines = new Map<number, OcrWord[]>();
  for (const w of words) {
    const line = lines.get(w.line) ?? [];
    line.push(w);
    lines.set(w.line, line);
  }
  return [...lines.values()]
    .map((ws) => ws.sort((a, b) => a.box.x - b.box.x))
    .sort((a, b) => a[0].box.y - b[0].box.y || a[0].box.x - b[0].box.x);
}

const LOOKALIKES: Record<string, string> = { O: "0", o: "0", D: "0", Q: "0", l: "1", I: "1", "|": "1", i: "1" };

/**
 * A cell's digits when what was read is a number (look-alike letters of a digit counted as it), else null.
 * Separators Tesseract may put inside a number (space, comma, a stray dot at the end) are dropped.
 */
export function readDigits(text: string): string | null {
  const half = text.normalize("NFKC").replace(/[\s,，]/g, "");
  if (!half || half.length > 12) return null;
  if (!/\d/.test(half)) return null;
  let out = "";
  for (const ch of half) {
    if (/\d/.test(ch)) out += ch;
    else if (LOOKALIKES[ch]) out += LOOKALIKES[ch];
    else if (ch === "." || ch === "-" || ch === "—") out += ch === "." ? "." : "-";
    else return null;
  }
  out = out.replace(/\.$/, "").replace(/^\./, "");
  if (!/^-?\d+(\.\d+)?$/.test(out)) return null;
  return out;
}

/** Tesseract's stand-ins for Chinese punctuation (〈 《 ( for （, ; for ；, : for ：) put back, as the official tables print it. */
export function normaliseOcrText(text: string): string {
  return text
    .replace(/[〈《<(]/g, "（")
    .replace(/[〉》>)]/g, "）")
    .replace(/(?<=[\u3400-\u9fff]);|;(?=[\u3400-\u9fff])/g, "；")
    .replace(/(?<=[\u3400-\u9fff]):|:(?=[\u3400-\u9fff])/g, "：")
    .replace(/(?<=[\u3400-\u9fff]),|,(?=[\u3400-\u9fff])/g, "，");
}
