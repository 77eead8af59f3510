import type { Box } from "./raster";

/** A cell of a ruled table as read: its text, and for a number its readings (the first taken until arithmetic says otherwise). */
export type OcrCell = {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Box on the normalised page image (pixels). */
  box: Box;
  text: string;
  /** Tesseract's confidence (0–100) in what `text` holds; 100 for an empty cell. */
  conf: number;
  /** For a cell printing a number: every reading the engines gave, most likely first. */
  readings?: string[];
  /** The engines disagreed or were unsure: the value needs the tables' arithmetic or a person. */
  doubtful?: boolean;
};

export type OcrTable = { box: Box; rows: number; cols: number; cells: OcrCell[] };
export type OcrLine = { text: string; box: Box; conf: number; xs: number[]; words: string[] };

/** One page read by OCR: its size on the normalised image, its running text and its ruled tables in reading order. */
export type OcrPage = {
  page: number;
  width: number;
  height: number;
  /** Degrees the page was turned back by before reading. */
  skew: number;
  lines: OcrLine[];
  tables: OcrTable[];
  ms: number;
};
