import { LITIGATION_GROUP_LABEL, LITIGATION_SUB_LABELS, REVIEW_GROUP_LABEL } from "@/lib/report/official-layout";
import { REVIEW_BLOCK_KEYS, REVIEW_COLUMN_LABELS, REVIEW_COLUMNS } from "@/lib/report/schema";
import { type Builder, buildValueCell } from "./builder";
import type { DocCell, DocTable, RowEquation } from "./types";

/** 表四: 行政复议 and the two 行政诉讼 blocks side by side, one row of values. */
export function buildReviewTable(b: Builder): DocTable {
  const headers = REVIEW_COLUMNS.map((c): DocCell => ({ text: REVIEW_COLUMN_LABELS[c], role: "header" }));
  const values: DocCell[] = [];
  const equations: RowEquation[] = [];
  REVIEW_BLOCK_KEYS.forEach((block, i) => {
    for (const c of REVIEW_COLUMNS) values.push(buildValueCell(b, "review", `${block}.${c}`, "count", c));
    equations.push({ target: i * 5 + 4, parts: [0, 1, 2, 3].map((j) => i * 5 + j) });
  });
  return {
    id: "review",
    columnCount: 15,
    rows: [
      {
        cells: [
          { text: REVIEW_GROUP_LABEL, role: "header", colSpan: 5 },
          { text: LITIGATION_GROUP_LABEL, role: "header", colSpan: 10 },
        ],
      },
      {
        cells: [
          ...headers.map((h) => ({ ...h, rowSpan: 2 })),
          { text: LITIGATION_SUB_LABELS.litigationDirect, role: "header", colSpan: 5 },
          { text: LITIGATION_SUB_LABELS.litigationAfterReview, role: "header", colSpan: 5 },
        ],
      },
      { cells: [...headers, ...headers].map((h) => ({ ...h })) },
      { cells: values, equations },
    ],
  };
}
