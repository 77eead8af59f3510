import { type IssueSeverity, SEVERITY_LABELS } from "@/lib/report/issue-codes";
import { groupIssues, type IssueLike } from "@/lib/report/issue-groups";
import type { Layout } from "@/lib/report/schema";

/** Lists longer than this are folded behind a disclosure. */
const SHOWN_AT_ONCE = 5;

function ItemList({ items, summary }: { items: string[]; summary: string }) {
  const list = (
    <ul className="issue-items">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
  if (items.length <= SHOWN_AT_ONCE) return list;
  return (
    <details className="issue-more">
      <summary>{summary}</summary>
      {list}
    </details>
  );
}

const LEGEND: Partial<Record<IssueSeverity, string>> = { error: "红框为错误", warning: "黄框为警告" };

/**
 * A report's parse and check issues, one line per kind with its count, worst first, in the official table's words;
 * the rows and cells behind a long line fold away. Notes (提示) are listed plainly and never marked on the table.
 */
export function ReportIssues({
  issues,
  layout,
  headingId,
}: {
  issues: readonly IssueLike[];
  layout: Layout | null;
  headingId: string;
}) {
  const groups = groupIssues(issues, layout);
  if (groups.length === 0) return <p className="muted small">未发现解析或核验问题。</p>;
  const kinds = (["error", "warning", "info"] as const)
    .map((s) => ({ severity: s, n: groups.filter((g) => g.severity === s).length }))
    .filter((k) => k.n > 0);
  const legend = kinds.flatMap((k) => LEGEND[k.severity] ?? []);
  return (
    <section className="report-issues" aria-labelledby={headingId}>
      <h3 id={headingId}>
        解析与核验问题
        <span className="issue-counts">
          {kinds.map((k) => (
            <span key={k.severity} className={`severity-tag ${k.severity}`}>
              {SEVERITY_LABELS[k.severity]} {k.n} 类
            </span>
          ))}
        </span>
      </h3>
      {legend.length ? <p className="muted small">表中{legend.join("、")}；提示只列在这里，不在表中标出。</p> : null}
      <ul className="issue-list">
        {groups.map((g) => (
          <li key={`${g.severity} ${g.code}`} className={`issue-group ${g.severity}`} data-severity={g.severity}>
            <span className={`severity-tag ${g.severity}`}>{SEVERITY_LABELS[g.severity]}</span>
            <span className="issue-headline">{g.headline}</span>
            {g.messages.length ? <ItemList items={g.messages} summary={`逐条查看（${g.messages.length} 条）`} /> : null}
            {g.cellNames.length ? (
              <ItemList items={g.cellNames} summary={`查看这 ${g.count} 个单元格（按行列出）`} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
