import { formatNumber } from "@/lib/metrics";
import { isApplicationRowInLayout } from "@/lib/report/cell-layout";
import { type CellMark, type IssueLike, markIssueCells } from "@/lib/report/issue-groups";
import {
  APPLICANT_GROUP_LABEL,
  APPLICATIONS_NOTE,
  LITIGATION_GROUP_LABEL,
  LITIGATION_SUB_LABELS,
  labelActiveRow,
  listActiveSections,
  ORG_GROUP_LABEL,
  REVIEW_GROUP_LABEL,
  SECTION_TITLES,
} from "@/lib/report/official-layout";
import { readCellValue } from "@/lib/report/read-cell";
import {
  APPLICANT_COLUMN_LABELS,
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  type Layout,
  type ParsedReport,
  REVIEW_BLOCK_KEYS,
  REVIEW_COLUMN_LABELS,
  REVIEW_COLUMNS,
} from "@/lib/report/schema";

type MarkAt = (path: string) => CellMark | null;

/** A value cell: outlined in its worst issue's colour (errors red, warnings amber; notes are not marked). */
function Cell({ report, path, markAt }: { report: ParsedReport; path: string; markAt: MarkAt }) {
  const value = readCellValue(report, path);
  const mark = markAt(path);
  const absent = value === null;
  const className =
    [mark ? `issue ${mark.severity}` : "", absent ? "absent" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <td
      className={className}
      title={mark?.notes.join("\n") ?? (absent ? "报告中无此单元格" : undefined)}
      data-cell={path}
      data-severity={mark?.severity}
    >
      {value === null ? "—" : formatNumber(value, 4)}
      {mark ? <span className="visually-hidden">（{mark.notes.join("；")}）</span> : null}
    </td>
  );
}

/** The report's three statistics tables in the official layout (2019 or 2021), errors and warnings marked on cells. */
export function ReportTables({
  report,
  issues,
  layout,
}: {
  report: ParsedReport;
  issues: readonly IssueLike[];
  layout: Layout;
}) {
  const markAt = markIssueCells(issues);
  const appRows = APPLICATION_ROW_KEYS.filter((k) => isApplicationRowInLayout(k, layout));
  return (
    <div className="report-tables">
      <h4>{SECTION_TITLES.active}</h4>
      {listActiveSections(layout).map((section) => {
        const columns = section.columns;
        return (
          <table className="report-table" key={section.caption}>
            <thead>
              <tr>
                <th colSpan={columns.length + 1}>{section.caption}</th>
              </tr>
              <tr>
                {section.header.map((h, i) => (
                  <th key={columns[i - 1] ?? "label"}>
                    {columns[i - 1] === "amount" && !h.includes("万元") ? `${h}（万元）` : h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {section.rows.map((row) => (
                <tr key={row}>
                  <td className="label">{labelActiveRow(row, layout)}</td>
                  {columns.map((c) => (
                    <Cell key={c} report={report} path={`active.${row}.${c}`} markAt={markAt} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}

      <h4>{SECTION_TITLES.applications}</h4>
      <table className="report-table">
        <thead>
          <tr>
            <th rowSpan={3} colSpan={1}>
              {APPLICATIONS_NOTE}
            </th>
            <th colSpan={7}>{APPLICANT_GROUP_LABEL}</th>
          </tr>
          <tr>
            <th rowSpan={2}>{APPLICANT_COLUMN_LABELS.natural}</th>
            <th colSpan={5}>{ORG_GROUP_LABEL}</th>
            <th rowSpan={2}>{APPLICANT_COLUMN_LABELS.total}</th>
          </tr>
          <tr>
            {APPLICANT_COLUMNS.filter((c) => c !== "natural" && c !== "total").map((c) => (
              <th key={c}>{APPLICANT_COLUMN_LABELS[c]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {appRows.map((row) => (
            <tr key={row}>
              <td className="label">{APPLICATION_ROWS[row].label}</td>
              {APPLICANT_COLUMNS.map((c) => (
                <Cell key={c} report={report} path={`applications.${row}.${c}`} markAt={markAt} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h4>{SECTION_TITLES.review}</h4>
      <table className="report-table">
        <thead>
          <tr>
            <th colSpan={5} rowSpan={2}>
              {REVIEW_GROUP_LABEL}
            </th>
            <th colSpan={10}>{LITIGATION_GROUP_LABEL}</th>
          </tr>
          <tr>
            <th colSpan={5}>{LITIGATION_SUB_LABELS.litigationDirect}</th>
            <th colSpan={5}>{LITIGATION_SUB_LABELS.litigationAfterReview}</th>
          </tr>
          <tr>
            {REVIEW_BLOCK_KEYS.flatMap((b) =>
              REVIEW_COLUMNS.map((c) => <th key={`${b}.${c}`}>{REVIEW_COLUMN_LABELS[c]}</th>),
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            {REVIEW_BLOCK_KEYS.flatMap((b) =>
              REVIEW_COLUMNS.map((c) => <Cell key={`${b}.${c}`} report={report} path={`${b}.${c}`} markAt={markAt} />),
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
