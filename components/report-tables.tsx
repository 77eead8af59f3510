"use client";

import { formatNumber } from "@/lib/metrics";
import { isApplicationRowInLayout, isPathUnder } from "@/lib/report/cell-layout";
import {
  APPLICANT_GROUP_LABEL,
  APPLICATIONS_NOTE,
  LITIGATION_GROUP_LABEL,
  LITIGATION_SUB_LABELS,
  listActiveSections,
  ORG_GROUP_LABEL,
  REVIEW_GROUP_LABEL,
  SECTION_TITLES,
} from "@/lib/report/official-layout";
import { readCellValue } from "@/lib/report/read-cell";
import {
  ACTIVE_ROWS,
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

type Issue = { code: string; severity: string; message: string; cells: string[] };

/** Issue messages by cell path; an issue on a row path ("applications.partial") marks the whole row. */
function indexIssues(issues: Issue[]) {
  const map = new Map<string, string[]>();
  for (const issue of issues) {
    for (const cell of issue.cells) map.set(cell, [...(map.get(cell) ?? []), issue.message]);
  }
  return (path: string) => {
    const messages: string[] = [];
    for (const [cell, list] of map) if (isPathUnder(path, cell)) messages.push(...list);
    return messages;
  };
}

function Cell({ report, path, issuesAt }: { report: ParsedReport; path: string; issuesAt: (p: string) => string[] }) {
  const value = readCellValue(report, path);
  const messages = issuesAt(path);
  const absent = value === null;
  const className = [messages.length ? "issue" : "", absent ? "absent" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <td className={className} title={messages.join("\n") || (absent ? "报告中无此单元格" : undefined)} data-cell={path}>
      {value === null ? "—" : formatNumber(value, 4)}
      {messages.length ? <span className="visually-hidden">（问题：{messages.join("；")}）</span> : null}
    </td>
  );
}

/** The report's three statistics tables in the official layout (2019 or 2021), issues highlighted on their cells. */
export function ReportTables({ report, issues, layout }: { report: ParsedReport; issues: Issue[]; layout: Layout }) {
  const issuesAt = indexIssues(issues);
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
                  <td className="label">{ACTIVE_ROWS[row].label}</td>
                  {columns.map((c) => (
                    <Cell key={c} report={report} path={`active.${row}.${c}`} issuesAt={issuesAt} />
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
                <Cell key={c} report={report} path={`applications.${row}.${c}`} issuesAt={issuesAt} />
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
              REVIEW_COLUMNS.map((c) => (
                <Cell key={`${b}.${c}`} report={report} path={`${b}.${c}`} issuesAt={issuesAt} />
              )),
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
