import type { Metadata } from "next";
import { Fragment } from "react";
import { ScrollTable } from "@/components/scroll-table";
import { AUDIT_ACTION_NAMES, nameAuditAction } from "@/lib/auth/audit";
import { describeAuditEntry } from "@/lib/auth/describe-audit-entry";
import { loadAuditEntries } from "@/lib/auth/list-audit-entries";
import { requireSession } from "@/lib/auth/session";
import { formatChinaTime } from "@/lib/china-time";

export const metadata: Metadata = { title: "审计日志 · 政府信息公开年报看板" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const PAGE = 100;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireSession({ role: "admin" });
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const action = one(params.action);
  const actor = one(params.actor);
  const page = Math.max(0, Number(one(params.page) ?? 0) || 0);
  const { rows, total } = await loadAuditEntries({ action, actor, limit: PAGE, offset: page * PAGE });
  const filterSearch = new URLSearchParams(
    Object.entries({ action, actor }).filter((e): e is [string, string] => !!e[1]),
  );
  const pageHref = (p: number) => `/admin/audit?${new URLSearchParams([...filterSearch, ["page", String(p)]])}`;
  return (
    <>
      <div className="page-title">
        <h1>审计日志</h1>
        <p className="muted">登录、导入、删除、导出与用户变更，按时间倒序；共 {total} 条。时间为北京时间。</p>
      </div>
      <section className="card">
        <form className="admin-form" method="get">
          <label className="field">
            <span className="field-label">操作</span>
            <select name="action" defaultValue={action ?? ""}>
              <option value="">全部</option>
              {Object.entries(AUDIT_ACTION_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">操作人邮箱</span>
            <input name="actor" defaultValue={actor ?? ""} spellCheck={false} />
          </label>
          <button type="submit" className="tool-button">
            筛选
          </button>
          <a
            className="tool-button"
            href={`/api/admin/audit?${new URLSearchParams([...filterSearch, ["format", "csv"]])}`}
          >
            导出 CSV
          </a>
        </form>
        <ScrollTable
          headers={[
            "时间（北京时间）",
            "操作人",
            "操作",
            "对象",
            "筛选条件",
            { label: "行数", numeric: true },
            "IP 地址",
          ]}
        >
          {rows.map((r) => {
            const described = describeAuditEntry(r);
            return (
              <tr key={r.id} data-action={r.action}>
                <td className="audit-time">{formatChinaTime(r.at)}</td>
                <td>{r.actorEmail ?? "—"}</td>
                <td>{nameAuditAction(r.action)}</td>
                <td title={described.target !== r.target ? (r.target ?? undefined) : undefined}>
                  {described.agencyId ? (
                    <a href={`/agencies/${described.agencyId}`}>{described.target}</a>
                  ) : (
                    (described.target ?? "—")
                  )}
                </td>
                <td className="audit-summary">
                  {described.parts.length === 0
                    ? "—"
                    : described.parts.map((words, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one entry, in a fixed order
                        <Fragment key={i}>
                          {/* A line breaks only between parts, after the dot. */}
                          {i > 0 ? "\u00a0· " : null}
                          <span>{words}</span>
                        </Fragment>
                      ))}
                </td>
                <td className="num">{r.rowCount ?? "—"}</td>
                <td>{r.ipAddress ?? "—"}</td>
              </tr>
            );
          })}
        </ScrollTable>
        <p>
          {page > 0 ? <a href={pageHref(page - 1)}>← 上一页</a> : null}{" "}
          {(page + 1) * PAGE < total ? <a href={pageHref(page + 1)}>下一页 →</a> : null}
        </p>
      </section>
    </>
  );
}
