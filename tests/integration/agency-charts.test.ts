import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CELL_BY_PATH, CELLS } from "@/db/cells";
import type { DbHandle } from "@/db/client";
import { auditLog, reportIssues, reports, sourceDocuments } from "@/db/schema";
import { createUser } from "@/lib/auth/create-user";
import { selectRows } from "@/lib/db/rows";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { aggregateCellMetric, type CellMetric, getMetric, isRatio, METRICS } from "@/lib/metrics";
import { getAgencyChartTable, listAgencyWorkbookTables } from "@/lib/queries/agency-charts";
import { createRng, generateReport, renderDocx } from "@/lib/sample/generate";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

const BASE = "http://ogi.test";
const REAL = path.join(import.meta.dirname, "..", "fixtures", "real");
const PASSWORD = "correct-horse-battery";
const holder = globalThis as unknown as { __ogiDb?: Promise<DbHandle> };
const MDJ = { agency: "牡丹江市教育局", regionCode: "231000" };

type Routes = {
  chart: typeof import("@/app/api/agencies/[id]/charts/[chart]/route");
  workbook: typeof import("@/app/api/export/agency/[id]/route");
  document: typeof import("@/app/api/documents/[id]/route");
  auth: typeof import("@/app/api/auth/[...all]/route");
};

let ipCounter = 0;
function req(url: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  const method = init.method ?? "GET";
  if (method !== "GET") headers.set("origin", BASE);
  headers.set("host", "ogi.test");
  if (!headers.has("x-ogi-client-address")) headers.set("x-ogi-client-address", `10.2.0.${(ipCounter++ % 250) + 1}`);
  return new Request(`${BASE}${url}`, { ...init, method, headers });
}
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe.each<DriverKind>(["postgres", "pglite"])("agency page charts on %s", (kind) => {
  let t: TestDatabase;
  let routes: Routes;
  const cookies: Record<string, string> = {};
  const ids = { mdj: 0, hongze: 0, pdfDoc: 0, docxDoc: 0 };

  /** The stored cells (`report_values` columns) of each current report of an agency. */
  async function storedCells(agencyId: number) {
    const rows = await selectRows<Record<string, unknown>>(
      t.db,
      sql`select v.*, r.year as report_year from report_values v join reports r on r.id = v.report_id
          where v.agency_id = ${agencyId} and r.is_current order by r.year`,
    );
    return rows.map((row) => {
      const cells: Record<string, number | null> = {};
      for (const cell of CELLS) {
        const raw = row[cell.column];
        cells[cell.path] = raw === null || raw === undefined ? null : Number(raw);
      }
      return { reportId: Number(row.report_id), year: Number(row.report_year), layout: String(row.layout), cells };
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    holder.__ogiDb = Promise.resolve(t);
    routes = {
      chart: await import("@/app/api/agencies/[id]/charts/[chart]/route"),
      workbook: await import("@/app/api/export/agency/[id]/route"),
      document: await import("@/app/api/documents/[id]/route"),
      auth: await import("@/app/api/auth/[...all]/route"),
    };
    const txt = await ingestDocument(t.db, {
      bytes: fs.readFileSync(path.join(REAL, "mudanjiang-education-2019.txt")),
      fileName: "mudanjiang-education-2019.txt",
      metadata: MDJ,
    });
    const generated = generateReport(createRng(7), {
      year: 2021,
      layout: "2021",
      agency: MDJ.agency,
      region: { code: "231000", path: ["黑龙江省", "牡丹江市"] },
    });
    const docx = await renderDocx(generated, createRng(8), { messiness: 0 });
    const second = await ingestDocument(t.db, { bytes: docx.bytes, fileName: "mdj-2021.docx", metadata: MDJ });
    const pdf = await ingestDocument(t.db, {
      bytes: fs.readFileSync(path.join(REAL, "hongze-district-2024.pdf")),
      fileName: "hongze-district-2024.pdf",
    });
    await ingestDocument(t.db, {
      bytes: new TextEncoder().encode("%PDF-1.4\n这不是一份完整的 PDF\n%%EOF"),
      fileName: "broken.pdf",
      mediaType: "application/pdf",
    });
    for (const r of [txt, second, pdf]) if (r.status === "rejected") throw new Error(`fixture rejected: ${r.reason}`);
    if (txt.status === "rejected" || second.status === "rejected" || pdf.status === "rejected") return;
    expect(second.agencyId).toBe(txt.agencyId);
    const docOf = async (reportId: number) =>
      (await t.db.select().from(reports).where(eq(reports.id, reportId)))[0].sourceDocumentId;
    Object.assign(ids, {
      mdj: txt.agencyId,
      hongze: pdf.agencyId,
      pdfDoc: await docOf(pdf.reportId),
      docxDoc: await docOf(second.reportId),
    });
    await createUser(t.db, { email: "admin@ogi.test", name: "管理员", role: "admin", password: PASSWORD });
    for (const [email, canExport] of [
      ["mdj@ogi.test", true],
      ["viewer@ogi.test", false],
    ] as const) {
      await createUser(t.db, {
        email,
        name: email,
        role: "supervisor",
        regionCode: "231000",
        canExport,
        password: PASSWORD,
      });
    }
    for (const [name, email] of [
      ["admin", "admin@ogi.test"],
      ["mdj", "mdj@ogi.test"],
      ["viewer", "viewer@ogi.test"],
    ]) {
      const response = await routes.auth.POST(
        req("/api/auth/sign-in/email", {
          method: "POST",
          body: JSON.stringify({ email, password: PASSWORD }),
          headers: { "content-type": "application/json" },
        }),
      );
      expect(response.status).toBe(200);
      cookies[name] = response.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
    }
  });
  afterAll(async () => {
    holder.__ogiDb = undefined;
    await t?.drop();
  });

  it("the trend and all-metrics tables hold the stored cells' metrics, year by year", async () => {
    const stored = await storedCells(ids.mdj);
    expect(stored.map((s) => s.year)).toEqual([2019, 2021]);
    const expected = (metricId: string, s: (typeof stored)[number]) =>
      aggregateCellMetric(getMetric(metricId) as CellMetric, [s]).value;

    const trend = (await getAgencyChartTable(t.db, ids.mdj, "all", "agency-trend"))!;
    expect(trend.rows.map((r) => r.year)).toEqual([2019, 2021]);
    stored.forEach((s, i) => {
      expect(trend.rows[i].received).toBe(s.cells["applications.received.total"]);
      expect(trend.rows[i].received).toBe(expected("applications.received", s));
      expect(trend.rows[i].processed).toBe(expected("applications.processed", s));
      expect(trend.rows[i].openRate).toBeCloseTo(expected("outcomes.openRate", s)!, 12);
    });
    expect(stored[1].cells["applications.received.total"]).toBeGreaterThan(0);

    const series = (await getAgencyChartTable(t.db, ids.mdj, "all", "agency-series"))!;
    const cellMetrics = METRICS.filter((m) => m.source === "cells");
    expect(series.rows.map((r) => r.metric)).toEqual(cellMetrics.map((m) => m.id));
    expect(series.columns.map((c) => c.key).slice(-2)).toEqual(["y2019", "y2021"]);
    let compared = 0;
    for (const row of series.rows) {
      const metric = getMetric(String(row.metric));
      for (const s of stored) {
        const value = expected(metric.id, s);
        const shown = row[`y${s.year}`];
        if (value === null) expect(shown).toBeNull();
        else if (isRatio(metric)) expect(shown).toBeCloseTo(value * 100, 5);
        else expect(shown).toBe(value);
        if (value !== null) compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
    // 2021 tables have no 政府集中采购: a gap, not 0.
    expect(series.rows.find((r) => r.metric === "active.procurement.count")!.y2021).toBeNull();
  });

  it("each year's cells sheet lists the stored cells and the issues that concern them", async () => {
    const stored = await storedCells(ids.mdj);
    const s2019 = stored.find((s) => s.year === 2019)!;
    const cells = (await getAgencyChartTable(t.db, ids.mdj, "all", "agency-cells", { year: 2019 }))!;
    const byPath = new Map(cells.rows.map((r) => [r.path, r]));
    let compared = 0;
    for (const [p, value] of Object.entries(s2019.cells)) {
      if (value === null) continue;
      expect(byPath.get(p)?.value, p).toBe(value);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
    expect(byPath.get("applications.received.natural")?.label).toBe("表三 一、本年新收政府信息公开申请数量 · 自然人");
    const issues = await t.db.select().from(reportIssues).where(eq(reportIssues.reportId, s2019.reportId));
    expect(issues.length, "the 2019 sample has known issues").toBeGreaterThan(0);
    const listed = cells.rows.map((r) => String(r.issues ?? "")).join("；");
    for (const issue of issues) expect(listed).toContain(issue.message);
    const withCell = issues.find((i) => i.cells.some((c) => CELL_BY_PATH.has(c)));
    if (withCell) {
      const cell = withCell.cells.find((c) => CELL_BY_PATH.has(c))!;
      expect(String(byPath.get(cell)?.issues)).toContain(withCell.message);
    }
  });

  it("a caller outside the agency's region gets nothing: null from the queries, 404 from the routes", async () => {
    const harbin = { regionCodes: ["230100"] };
    expect(await getAgencyChartTable(t.db, ids.mdj, harbin, "agency-trend")).toBeNull();
    expect(await getAgencyChartTable(t.db, ids.mdj, harbin, "agency-series")).toBeNull();
    expect(await listAgencyWorkbookTables(t.db, ids.mdj, harbin)).toBeNull();
    expect(await getAgencyChartTable(t.db, ids.mdj, { regionCodes: ["231000"] }, "agency-trend")).not.toBeNull();

    const chart = (id: number, chartId: string, cookie: string, search = "") =>
      routes.chart.GET(
        req(`/api/agencies/${id}/charts/${chartId}${search}`, { cookie }),
        params({ id: String(id), chart: chartId }),
      );
    const outside = await chart(ids.hongze, "agency-series", cookies.mdj);
    expect(outside.status).toBe(404);
    expect(JSON.stringify(await outside.json())).not.toContain("洪泽");
    expect((await chart(ids.hongze, "agency-trend", cookies.mdj, "?format=csv")).status).toBe(404);
    const workbookOutside = await routes.workbook.GET(
      req(`/api/export/agency/${ids.hongze}`, { cookie: cookies.mdj }),
      params({ id: String(ids.hongze) }),
    );
    expect(workbookOutside.status).toBe(404);
    expect((await chart(ids.hongze, "agency-trend", cookies.admin)).status).toBe(200);
    expect((await chart(ids.mdj, "no-such-chart", cookies.admin)).status).toBe(404);
    expect((await chart(0, "agency-trend", cookies.admin)).status).toBe(400);
  });

  it("downloads: CSV from the same table, the export permission, the page workbook and its audit entry", async () => {
    const chart = (chartId: string, cookie: string, search = "") =>
      routes.chart.GET(
        req(`/api/agencies/${ids.mdj}/charts/${chartId}${search}`, { cookie }),
        params({ id: String(ids.mdj), chart: chartId }),
      );
    const json = await (await chart("agency-trend", cookies.mdj)).json();
    const csvResponse = await chart("agency-trend", cookies.mdj, "?format=csv");
    expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // Response.text() would drop the BOM: decode the bytes as a spreadsheet program reads them.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csvResponse.arrayBuffer());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0].split(",")[1]).toBe("新收申请（件）");
    expect(lines.slice(1).map((l) => Number(l.split(",")[1]))).toEqual(
      json.rows.map((r: { received: number }) => r.received),
    );
    const detail = await (await chart("agency-series", cookies.mdj, "?rows=detail")).json();
    expect(detail.rowsKind).toBe("detail");
    expect(detail.rows.map((r: { year: number }) => r.year)).toEqual([2019, 2021]);
    expect(detail.rows.map((r: Record<string, unknown>) => r["applications.received"])).toEqual(
      json.rows.map((r: { received: number }) => r.received),
    );
    expect((await chart("agency-trend", cookies.viewer, "?format=csv")).status).toBe(403);
    expect((await chart("agency-trend", cookies.viewer)).status).toBe(200);

    const workbook = (cookie: string) =>
      routes.workbook.GET(req(`/api/export/agency/${ids.mdj}`, { cookie }), params({ id: String(ids.mdj) }));
    expect((await workbook(cookies.viewer)).status).toBe(403);
    const response = await workbook(cookies.mdj);
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual([
      "说明",
      "各年度申请与公开率",
      "全部指标 · 各年度",
      "2019年度报告单元格",
      "2021年度报告单元格",
    ]);
    const readme = book.getWorksheet("说明")!.getSheetValues().flat().join(" ");
    expect(readme).toContain(`机关：${MDJ.agency}`);
    expect(readme).toContain("数据版本");
    expect(readme).toContain("公开率");
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "export"), eq(auditLog.actorEmail, "mdj@ogi.test")));
    expect(entries.map((e) => e.target).sort()).toEqual([
      `agency ${ids.mdj} agency-trend.csv`,
      `agency ${ids.mdj}.xlsx`,
    ]);
  });

  it("the text view of PDF and DOCX originals is the extracted text, plain and sandboxed", async () => {
    const text = (id: number) =>
      routes.document.GET(req(`/api/documents/${id}?view=text`, { cookie: cookies.admin }), params({ id: String(id) }));
    for (const [id, expected] of [
      [ids.pdfDoc, "洪泽区"],
      [ids.docxDoc, MDJ.agency],
    ] as const) {
      const response = await text(id);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toMatch(/sandbox/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await response.text();
      expect(body).toContain(expected);
      expect(body).toContain("政府信息公开");
    }
    const [broken] = await t.db.select().from(sourceDocuments).where(eq(sourceDocuments.fileName, "broken.pdf"));
    const failed = await text(broken.id);
    expect(failed.status).toBe(422);
    expect(failed.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(failed.headers.get("content-security-policy")).toMatch(/sandbox/);
    expect(await failed.text()).toContain("无法提取该文档的文字");
  });
});
