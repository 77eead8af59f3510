"use client";

import { formatNumber } from "@/lib/metrics";
import {
  ACTIVE_COLUMN_LABELS,
  ACTIVE_ROWS,
  type ActiveRowKey,
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
    for (const [cell, list] of map) if (path === cell || path.startsWith(`${cell}.`)) messages.push(...list);
    return messages;
  };
}

function read(report: ParsedReport, path: string): unknown {
  let node: unknown = report;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function Cell({ report, path, issuesAt }: { report: ParsedReport; path: string; issuesAt: (p: string) => string[] }) {
  const value = read(report, path);
  const messages = issuesAt(path);
  const absent = value === undefined || value === null;
  const className = [messages.length ? "issue" : "", absent ? "absent" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <td className={className} title={messages.join("\n") || (absent ? "报告中无此单元格" : undefined)} data-cell={path}>
      {absent ? "—" : typeof value === "number" ? formatNumber(value, 4) : String(value)}
      {messages.length ? <span className="visually-hidden">（问题：{messages.join("；")}）</span> : null}
    </td>
  );
}

const ACTIVE_SECTIONS: Record<Layout, { caption: string; rows: ActiveRowKey[] }[]> = {
  "2019": [
    { caption: "第二十条第（一）项", rows: ["rules", "normativeDocs"] },
    { caption: "第二十条第（五）项", rows: ["licensing", "otherServices"] },
    { caption: "第二十条第（六）项", rows: ["penalty", "coercion"] },
    { caption: "第二十条第（八）项", rows: ["fees"] },
    { caption: "第二十条第（九）项", rows: ["procurement"] },
  ],
  "2021": [
    { caption: "第二十条第（一）项", rows: ["rules", "normativeDocs"] },
    { caption: "第二十条第（五）项", rows: ["licensing"] },
    { caption: "第二十条第（六）项", rows: ["penalty", "coercion"] },
    { caption: "第二十条第（八）项", rows: ["fees"] },
  ],
};

const COLUMN_LABELS_2021: Record<string, string> = {
  made: "本年制发件数",
  repealed: "本年废止件数",
  inForce: "现行有效件数",
  decisions: "本年处理决定数量",
  amount: "本年收费金额（单位：万元）",
};
const COLUMN_LABELS_2019: Record<string, string> = {
  made: "本年新制作数量",
  newlyPublished: "本年新公开数量",
  totalPublished: "对外公开总数量",
  previous: "上一年项目数量",
  change: "本年增/减",
  decisions: "处理决定数量",
  count: "采购项目数量",
  amount: "采购总金额（万元）",
};

/** The report's three statistics tables in the official layout (2019 or 2021), issues highlighted on their cells. */
export function ReportTables({ report, issues, layout }: { report: ParsedReport; issues: Issue[]; layout: Layout }) {
  const issuesAt = indexIssues(issues);
  const labels = layout === "2021" ? COLUMN_LABELS_2021 : COLUMN_LABELS_2019;
  const appRows = APPLICATION_ROW_KEYS.filter((k) =>
    (APPLICATION_ROWS[k].layouts as readonly string[]).includes(layout),
  );
  return (
    <div className="report-tables">
      <h4>二、主动公开政府信息情况</h4>
      {ACTIVE_SECTIONS[layout].map((section) => {
        const columns = ACTIVE_ROWS[section.rows[0]].columns[layout] as readonly string[];
        return (
          <table className="report-table" key={section.caption}>
            <thead>
              <tr>
                <th colSpan={columns.length + 1}>{section.caption}</th>
              </tr>
              <tr>
                <th>信息内容</th>
                {columns.map((c) => (
                  <th key={c}>{labels[c] ?? ACTIVE_COLUMN_LABELS[c]}</th>
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

      <h4>三、收到和处理政府信息公开申请情况</h4>
      <table className="report-table">
        <thead>
          <tr>
            <th rowSpan={3} colSpan={1}>
              （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
            </th>
            <th colSpan={7}>申请人情况</th>
          </tr>
          <tr>
            <th rowSpan={2}>自然人</th>
            <th colSpan={5}>法人或其他组织</th>
            <th rowSpan={2}>总计</th>
          </tr>
          <tr>
            <th>商业企业</th>
            <th>科研机构</th>
            <th>社会公益组织</th>
            <th>法律服务机构</th>
            <th>其他</th>
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

      <h4>四、政府信息公开行政复议、行政诉讼情况</h4>
      <table className="report-table">
        <thead>
          <tr>
            <th colSpan={5} rowSpan={2}>
              行政复议
            </th>
            <th colSpan={10}>行政诉讼</th>
          </tr>
          <tr>
            <th colSpan={5}>未经复议直接起诉</th>
            <th colSpan={5}>复议后起诉</th>
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
