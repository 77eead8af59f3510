import Link from "next/link";
import { notFound } from "next/navigation";
import { AgencySeriesCard, AgencyTrendCard } from "@/components/agency-charts";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { DeleteReportButton } from "@/components/delete-report-button";
import { ReportTables } from "@/components/report-tables";
import { ScrollTable } from "@/components/scroll-table";
import { hasPermission } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { parseRowId } from "@/lib/http/route-params";
import { loadAgencyPage } from "@/lib/queries/agency-page";
import type { Layout } from "@/lib/report/schema";
import { AGENCY_KIND_LABELS } from "@/lib/report/schema";

export const dynamic = "force-dynamic";

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRowId((await params).id);
  const { scope } = await requireSession();
  const page = id === null ? null : await loadAgencyPage(id, scope);
  return { title: page ? `${page.agency.name} · 政府信息公开年报看板` : "机关未找到" };
}

export default async function AgencyPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRowId((await params).id);
  const { user, scope } = await requireSession();
  if (id === null) notFound();
  const page = await loadAgencyPage(id, scope);
  if (!page) notFound();
  const { agency, years, current, versions } = page;
  const crumbs = [
    ...(user.role === "admin" ? [{ name: "全国", href: "/" }] : []),
    ...agency.regionPath
      .slice(
        Math.max(
          0,
          agency.regionPath.findIndex((r) => r.code === user.regionCode),
        ),
      )
      .map((r) => ({ name: r.name, href: `/?region=${r.code}` })),
    { name: agency.name, href: `/agencies/${agency.id}` },
  ];

  return (
    <article className="agency-page">
      <div className="page-title">
        <Breadcrumbs items={crumbs} />
        <h1>{agency.name}</h1>
        <p className="agency-meta">
          <span>地区：{agency.regionPath.map((r) => r.name).join("") || "未识别"}</span>
          <span>机关类型：{AGENCY_KIND_LABELS[agency.kind as keyof typeof AGENCY_KIND_LABELS] ?? agency.kind}</span>
          <span>已收年度报告：{years.length ? `${years.join("、")}年度` : "无"}</span>
        </p>
        <nav className="year-nav" aria-label="年度报告">
          {years.map((y) => (
            <a key={y} className="tool-button" href={`#report-${y}`}>
              {y}年度报告
            </a>
          ))}
          <a className="tool-button" href="#versions">
            版本历史
          </a>
          {hasPermission(user, "export") ? (
            <a className="tool-button" href={`/api/export/agency/${agency.id}`} download data-download="page-xlsx">
              下载本页全部数据（XLSX）
            </a>
          ) : null}
        </nav>
      </div>

      {years.length ? <AgencyTrendCard agencyId={agency.id} agencyName={agency.name} /> : null}
      <AgencySeriesCard agencyId={agency.id} agencyName={agency.name} />

      {current.map((r) => (
        <section key={r.reportId} id={`report-${r.year}`} className="card report-year" aria-labelledby={`rh-${r.year}`}>
          <header className="card-header">
            <h2 id={`rh-${r.year}`}>
              {r.year}年度报告（{r.layout ? `${r.layout} 版表格` : "版式未识别"}）
            </h2>
            <div className="card-tools no-print">
              <a className="tool-button" href={`/api/documents/${r.documentId}`} download>
                下载原始文档
              </a>
              <a
                className="tool-button"
                href={`/api/documents/${r.documentId}?view=text`}
                target="_blank"
                rel="noreferrer"
              >
                以纯文本查看原文
              </a>
            </div>
          </header>
          <p className="agency-meta">
            <span>发布日期：{r.publishedAt ?? "不详"}</span>
            <span>法定期限：{r.deadline ?? "—"}</span>
            <span className={r.daysLate ? "flag bad" : undefined}>
              {r.daysLate === null ? "是否按时：无法判断" : r.daysLate > 0 ? `逾期 ${r.daysLate} 天` : "按时发布"}
            </span>
            <span className={r.checksPassed ? undefined : "flag bad"}>
              {r.checksPassed ? "勾稽校验通过" : "勾稽校验未通过"}
            </span>
            <span>
              原始文件：{r.fileName ?? `文档 ${r.documentId}`}（{kb(r.byteSize)}）
            </span>
          </p>
          {r.issues.length ? (
            <details className="notes" open>
              <summary>解析与核验问题 {r.issues.length} 条（表中以红框标出）</summary>
              <ul className="issue-list small">
                {r.issues.map((i, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id of their own
                  <li key={n} className={i.severity}>
                    [{i.severity === "error" ? "错误" : i.severity === "warning" ? "警告" : "提示"}] {i.message}
                    {i.cells.length ? <span className="muted">（{i.cells.join("、")}）</span> : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <p className="muted small">未发现解析或核验问题。</p>
          )}
          {r.layout ? (
            <ReportTables report={r.parsed} issues={r.issues} layout={r.layout as Layout} />
          ) : (
            <p className="muted">表格版式未识别，无法按官方格式呈现。</p>
          )}
        </section>
      ))}

      <section className="card" id="versions" aria-labelledby="versions-h">
        <h2 id="versions-h">版本历史</h2>
        <ScrollTable
          headers={[
            "年度",
            "状态",
            "入库时间",
            "被替代时间",
            "解析器版本",
            { label: "问题条数", numeric: true },
            "原始文件",
            "SHA-256",
            user.role === "admin" ? "操作" : null,
          ]}
        >
          {versions.map((v) => (
            <tr key={v.reportId} data-current={v.isCurrent}>
              <td>{v.year}</td>
              <td>{v.isCurrent ? "当前版本" : "已被替代"}</td>
              <td>{v.createdAt.slice(0, 19).replace("T", " ")}</td>
              <td>{v.supersededAt ? v.supersededAt.slice(0, 19).replace("T", " ") : "—"}</td>
              <td>{v.parserVersion}</td>
              <td className="num">{v.issueCount}</td>
              <td>
                <a href={`/api/documents/${v.documentId}`} download>
                  {v.fileName ?? `文档 ${v.documentId}`}
                </a>
              </td>
              <td>
                <code title={v.sha256}>{v.sha256.slice(0, 12)}…</code>
              </td>
              {user.role === "admin" ? (
                <td>
                  <DeleteReportButton reportId={v.reportId} label={`${agency.name} ${v.year}年度报告`} />
                </td>
              ) : null}
            </tr>
          ))}
        </ScrollTable>
      </section>
      <p className="no-print">
        <Link href={agency.regionPath.length ? `/?region=${agency.regionPath.at(-1)!.code}` : "/"}>← 返回地区总览</Link>
      </p>
    </article>
  );
}
