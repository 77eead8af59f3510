import type { IssueList } from "../issues";
import { type Resolved, toNumbers } from "./resolve-cells";

/** What was resolved, for the messages and cells of its issues. */
export type ResolutionSubject = {
  /** As the official table names it: 表三“（一）予以公开”行, or a whole table (表四). */
  name: string;
  /** The cells as printed. */
  printed: string[];
  paths: string[];
  columnCount: number;
  /** Columns recorded with candidate splits, when the subject is one row. */
  columns?: readonly string[];
  /** Cells named by EXTRA_VALUES, when not `paths`. */
  extraValueCells?: string[];
};

/** Records what a resolution could not settle: digits run together, fewer or more values than columns. */
export function reportResolution(res: Resolved, subject: ResolutionSubject, issues: IssueList): void {
  const { name, paths, columns } = subject;
  const printed = subject.printed.join(" ");
  if (res.status === "ambiguous") {
    const candidates = res.candidates.slice(0, 50).map(toNumbers);
    issues.add(
      "AMBIGUOUS_SPLIT",
      "error",
      `${name}的数字连在一起（${printed}），有多种拆分方式，无法确定各单元格的值`,
      paths,
      columns ? { printed, columns, candidates } : { printed, candidates },
    );
  } else if (res.note === "missing") {
    issues.add(
      "MISSING_COLUMN",
      "warning",
      `${name}的数值少于列数（${subject.columnCount} 列），无法确定各数值所在的列，已按从左到右读取`,
      paths,
    );
  } else if (res.note === "extra") {
    issues.add("EXTRA_VALUES", "warning", `${name}的数值多于表头列数，已按列序读取`, subject.extraValueCells ?? paths);
  }
}
