import type { Layout } from "@/lib/report/schema";

export type ValueKind = "count" | "signed" | "money";

export type DocCell = {
  /** Printed text; "\n" separates paragraphs inside one cell. */
  text: string;
  rowSpan?: number;
  colSpan?: number;
  role: "caption" | "header" | "label" | "value" | "note";
  /** Canonical path of the report cell this printed cell holds, e.g. "applications.received.total". */
  path?: string;
  kind?: ValueKind;
};

/** Arithmetic a printed row obeys: each target value cell (by index among the row's value cells) sums its parts. */
export type RowEquation = { target: number; parts: number[] };

export type DocRow = { cells: DocCell[]; equations?: RowEquation[] };

export type TableId = "active" | "applications" | "review";

export type DocTable = { id: TableId; columnCount: number; rows: DocRow[] };

export type DocBlock =
  | { kind: "title" | "meta" | "heading" | "subheading" | "paragraph" | "signature"; text: string }
  | { kind: "table"; table: DocTable };

/** A report laid out as a document, before any file format. */
export type ReportDocument = { title: string; agency: string; publishedAt: string; blocks: DocBlock[] };

/** What the parser should make of one cell of the ground truth. */
export type CellExpectation = {
  /** The value the parser should output (money in 万元); null when `present` is false. */
  value: number | null;
  /** False when the document has no such row or column: the parser must leave it absent or null. */
  present: boolean;
  /** "required": some issue must name this cell (or its row). */
  issue: "required" | "optional";
  /** The document does not decide the value (e.g. a run-together split): null with an issue naming it is right too. */
  unresolvedOk: boolean;
  /** For an absent cell that the document's arithmetic still determines: reading this value, with an issue, is right too. */
  impliedValue?: number;
  /** For a present cell whose value the parser may legitimately carry elsewhere: leaving it absent is right too. */
  absentOk?: boolean;
  /** Deviation kinds that touched this cell. */
  because: string[];
};

export type DeviationKind =
  | "full-width-digits"
  | "thousands-separator"
  | "plus-sign"
  | "zero-blank"
  | "zero-mark"
  | "money-yuan-cell"
  | "money-yuan-header"
  | "money-header-variant"
  | "label-typo"
  | "half-width-punctuation"
  | "single-other-row"
  | "org-subtotal-column"
  | "subtotal-rows"
  | "extra-sub-row"
  | "sections-out-of-order"
  | "misprinted-total"
  | "blank-implied-total"
  | "narrative-mismatch"
  | "wrapped-labels"
  | "truncated-labels"
  | "ambiguous-split";

/** One deviation injected into a rendering, and what the parser should report for it. */
export type Deviation = { kind: DeviationKind; cells: string[]; issue: "required" | "optional"; note: string };

export type ExpectedParse = {
  agency: string;
  year: number;
  format: Layout;
  publishedAt: string;
  cells: Record<string, CellExpectation>;
  deviations: Deviation[];
};

/** Which of the six renderers made a document: a web page, two flattenings of one to text, Markdown, Word, PDF. */
export type Rendering = "html" | "text-lines" | "run-together" | "markdown" | "docx" | "pdf";
export const RENDERINGS: readonly Rendering[] = ["html", "text-lines", "run-together", "markdown", "docx", "pdf"];

export type RenderedDocument = {
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
  rendering: Rendering;
  /** Text encoding of text renderings ("utf-8", "utf-8-bom", "gbk"). */
  encoding?: string;
  expected: ExpectedParse;
};

export type RenderOptions = { messiness: number };
