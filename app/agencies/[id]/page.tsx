import Link from "next/link";
import { notFound } from "next/navigation";
import { AgencySeriesCard, AgencyTrendCard } from "@/components/agency-charts";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { DeleteReportButton } from "@/components/delete-report-button";
import { PrintButton } from "@/components/print-button";
import { ReportIssues } from "@/components/report-issues";
import { ReportTables } from "@/components/report-tables";
import { ScanCells } from "@/components/scan-cells";
import { ScrollTable } from "@/components/scroll-table";
import { SnapshotLink } from "@/components/snapshot-link";
import { hasPermission } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { parseRowId } from "@/lib/http/route-params";
import { type AgencyPage as AgencyPageData, chooseReportYears, loadAgencyPage } from "@/lib/queries/agency-page";
import { ARITHMETIC_ISSUE_CODES, worstSeverity } from "@/lib/report/issue-codes";
import { listScanCells } from "@/lib/report/scan-cells";
import type { Layout } from "@/lib/report/schema";
import { AGENCY_KIND_LABELS } from "@/lib/report/schema";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;
type PageProps = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

export async function generateMetadata({ params, searchParams }: PageProps) {
  const id = parseRowId((await params).id);
  const { scope } = await requireSession();
  const page = id === null ? null : await loadAgencyPage(id, scope);
  if (!page) return { title: "机关未找到" };
  const { selected } = chooseReportYears(page.years, (await searchParams).year);
  const which = selected === "all" ? " 全部年度报告" : selected === null ? "" : ` ${selected}年度报告`;
  return { title: `${page.agency.name}${which} · 政府信息公开年报看板` };
}

/** The page's own address with `year` set, keeping its other parameters (a chart's table view). */
function yearHref(agencyId: number, search: SearchParams, year: number | "all") {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (key === "year") continue;
    for (const v of [value].flat()) if (v !== undefined) query.append(key, v);
  }
  query.set("year", String(year));
  return `/agencies/${agencyId}?${query}`;
}

type ReportYear = AgencyPageData["current"][number];

/** The 勾稽 flag in the colour of what the table marks for it: green when every check held. */
function ChecksFlag({ report }: { report: ReportYear }) {
  const failing = report.issues.filter((i) => ARITHMETIC_ISSUE_CODES.has(i.code));
  if (report.checksPassed && failing.length === 0) return <span className="flag ok">勾稽校验通过</span>;
  const worst = worstSeverity(failing.map((i) => i.severity));
  return (
    <span className={`flag ${worst === "error" ? "bad" : "warn"}`}>
      勾稽校验未通过{failing.length ? `（${failing.length} 处）` : ""}
    </span>
  );
}

function ReportYearSection({ report: r }: { report: ReportYear }) {
  const layout = (r.layout as Layout | null) ?? null;
  const scan = listScanCells(r.parsed);
  return (
    <section id={`report-${r.year}`} className="card report-year" aria-labelledby={`rh-${r.year}`}>
      <header className="card-header">
        <h2 id={`rh-${r.year}`}>
          {r.year}年度报告（{r.layout ? `${r.layout} 版表格` : "版式未识别"}）
        </h2>
        <div className="card-tools no-print">
          <a className="tool-button" href={`/api/documents/${r.documentId}`} download>
            下载原始文档
          </a>
          <a className="tool-button" href={`/api/documents/${r.documentId}?view=text`} target="_blank" rel="noreferrer">
            以纯文本查看原文
          </a>
        </div>
      </header>
      <p className="agency-meta">
        <span>发布日期：{r.publishedAt ?? "不详"}</span>
        <span>法定期限：{r.deadline ?? "—"}</span>
        <span className={r.daysLate ? "flag warn" : undefined}>
          {r.daysLate === null ? "是否按时：无法判断" : r.daysLate > 0 ? `逾期 ${r.daysLate} 天` : "按时发布"}
        </span>
        <ChecksFlag report={r} />
        {scan.isScan ? <span className="flag warn">扫描件 · OCR 识别（{scan.pages.length} 页）</span> : null}
        <span>
          原始文件：{r.fileName ?? `文档 ${r.documentId}`}（{kb(r.byteSize)}）
        </span>
      </p>
      <ReportIssues issues={r.issues} layout={layout} headingId={`ih-${r.year}`} />
      {scan.isScan ? (
        <section className="scan-review no-print" aria-labelledby={`sh-${r.year}`}>
          <h3 id={`sh-${r.year}`}>扫描件核对：OCR 存疑或按勾稽关系选定的单元格（{scan.cells.length} 个）</h3>
          <ScanCells documentId={r.documentId} pages={scan.pages} cells={scan.cells} />
        </section>
      ) : null}
      {layout ? (
        <ReportTables report={r.parsed} issues={r.issues} layout={layout} />
      ) : (
        <p className="muted">表格版式未识别，无法按官方格式呈现。</p>
      )}
    </section>
  );
}

export default async function AgencyPage({ params, searchParams }: PageProps) {
  const id = parseRowId((await params).id);
  const { user, scope } = await requireSession();
  if (id === null) notFound();
  const page = await loadAgencyPage(id, scope);
  if (!page) notFound();
  const search = await searchParams;
  const { agency, years, current, versions } = page;
  const choice = chooseReportYears(years, search.year);
  const shown = choice.shown.map((y) => current.find((r) => r.year === y)!);
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
        <p className="page-tools no-print">
          {years.length ? (
            <a className="tool-button" href="#reports">
              年度报告
            </a>
          ) : null}
          <a className="tool-button" href="#versions">
            版本历史
          </a>
          {hasPermission(user, "export") ? (
            <>
              <a className="tool-button" href={`/api/export/agency/${agency.id}`} download data-download="page-xlsx">
                下载本页全部数据（XLSX）
              </a>
              <SnapshotLink />
            </>
          ) : null}
        </p>
      </div>

      {years.length ? <AgencyTrendCard agencyId={agency.id} agencyName={agency.name} /> : null}
      <AgencySeriesCard agencyId={agency.id} agencyName={agency.name} />

      {years.length ? (
        <div className="year-bar no-print" id="reports">
          <nav className="year-tabs" aria-label="选择报告年度">
            <ul>
              {years.map((y) => (
                <li key={y}>
                  <Link
                    href={yearHref(agency.id, search, y)}
                    scroll={false}
                    aria-current={choice.selected === y ? "page" : undefined}
                    data-year={y}
                  >
                    {y}年度
                  </Link>
                </li>
              ))}
              {years.length > 1 ? (
                <li>
                  <Link
                    href={yearHref(agency.id, search, "all")}
                    scroll={false}
                    aria-current={choice.selected === "all" ? "page" : undefined}
                    data-year="all"
                  >
                    全部年度
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <PrintButton label={choice.selected === "all" ? "打印全部年度" : `打印${choice.selected}年度报告`} />
        </div>
      ) : (
        <p className="card muted">该机关尚无年度报告。</p>
      )}
      {choice.ignored ? (
        <p className="notice no-print" role="status">
          没有“{choice.ignored.slice(0, 20)}”年度的报告，下面是最新的 {choice.selected} 年度报告。
        </p>
      ) : null}
      {choice.selected === "all" ? (
        <p className="muted small no-print">全部年度依次列出，打印时每个年度另起一页。</p>
      ) : null}

      {shown.map((r) => (
        <ReportYearSection key={r.reportId} report={r} />
      ))}

      <section className="card versions" id="versions" aria-labelledby="versions-h">
        <h2 id="versions-h">版本历史（全部年度）</h2>
        <ScrollTable
          headers={[
            "年度",
            "状态",
            "入库时间",
            "被替代时间",
            "解析器版本",
            { label: "问题条数", numeric: true },
            "原始文件",
            { label: "SHA-256", className: "no-print" },
            user.role === "admin" ? { label: "操作", className: "no-print" } : null,
          ]}
        >
          {versions.map((v) => (
            <tr
              key={v.reportId}
              data-current={v.isCurrent}
              className={choice.shown.includes(v.year) ? undefined : "no-print"}
            >
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
              <td className="no-print">
                <code title={v.sha256}>{v.sha256.slice(0, 12)}…</code>
              </td>
              {user.role === "admin" ? (
                <td className="no-print">
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
