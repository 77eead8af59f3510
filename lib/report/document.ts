import { isValueLike } from "./numbers";

/** One block of a document in reading order: running text, or one table row split into label cells and value cells. */
export type Item =
  | { kind: "text"; text: string; spans?: Span[] }
  /** `grid`: cells are positional (blanks kept); otherwise cells are number tokens that may be run together. */
  /** `blank`: a row printed with every cell empty (a PDF line holding only the row's label). */
  | { kind: "row"; labels: string[]; cells: string[]; grid: boolean; xs?: number[]; blank?: boolean };

/** A word of page text and the horizontal centre where it is printed (PDF only). */
export type Span = { s: string; x: number };

/** What the parser read a document as; the canonical JSON records it as `source.shape`. */
/** `ocr`: a scan or an image, read by OCR. */
export type SourceFormat = "html" | "text" | "pdf" | "docx" | "markdown" | "ocr";

/**
 * A cell a rebuilt text table could not give a number (a lost `|`, more columns than numbers, nothing to settle it):
 * read as null and named by UNDECIDED_CELL.
 */
export const UNDECIDED_CELL = "\u2047";

const HAS_WORD = /[\u3400-\u9fffA-Za-z]/;

/** Splits one table row into its label part (up to the last label-like cell) and its value cells. */
export function gridRowToItem(cells: string[]): Item | null {
  const trimmed = cells.map((c) => c.replace(/[\s\u00a0\u200b]+/g, " ").trim());
  let last = -1;
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed[i] && HAS_WORD.test(trimmed[i]) && !isValueLike(trimmed[i])) last = i;
  }
  const labels = trimmed.slice(0, last + 1).filter((c) => c.length > 0);
  const values = trimmed.slice(last + 1);
  if (values.length === 0 || (labels.length === 0 && values.length < 2 && values.every((v) => v === ""))) {
    if (labels.length === 0) return null;
    return { kind: "text", text: labels.join(" ") };
  }
  return { kind: "row", labels, cells: values, grid: true };
}
