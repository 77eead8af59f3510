import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditLog, sharedViews } from "@/db/schema";
import { createUser } from "@/lib/auth/create-user";
import { listOverviewCharts } from "@/lib/charts/overview-view";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { deleteReport } from "@/lib/ingest/delete-report";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { getChartTable } from "@/lib/queries/charts/registry";
import { forgetDatasetVersion } from "@/lib/queries/dataset-cache";
import { loadSharedViewPage, readSharedView } from "@/lib/queries/shared-views";
import { cookieOf, params, req } from "../support/route-requests";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

const FIXTURE = path.join(import.meta.dirname, "..", "fixtures", "real", "mudanjiang-education-2019.txt");
const PASSWORD = "correct-horse-battery";
const MDJ = { regionCodes: ["231000"] };
const HRB = { regionCodes: ["230100"] };
const holder = globalThis as unknown as { __ogiDb?: Promise<DbHandle> };

describe.each<DriverKind>(["postgres", "pglite"])("shared views on %s", (kind) => {
  let t: TestDatabase;
  let routes: {
    shares: typeof import("@/app/api/shares/route");
    chart: typeof import("@/app/api/shares/[token]/charts/[chart]/route");
    workbook: typeof import("@/app/api/shares/[token]/workbook/route");
    auth: typeof import("@/app/api/auth/[...all]/route");
  };
  const cookies: Record<string, string> = {};
  const text = fs.readFileSync(FIXTURE, "utf8");
  const ingest = async (agency: string, regionCode: string, note: string) => {
    const result = await ingestDocument(t.db, {
      bytes: new TextEncoder().encode(`${text}\n${note}\n`),
      fileName: `${note}.txt`,
      metadata: { agency, regionCode },
    });
    if (result.status === "rejected") throw new Error("fixture rejected");
    // As the upload route does: the next read sees the new version at once, not after the version's TTL.
    forgetDatasetVersion(t.db);
    return result;
  };

  const share = async (cookie: string, body: unknown) =>
    routes.shares.POST(
      req("/api/shares", {
        method: "POST",
        cookie,
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  const tokenOf = async (response: Response) => {
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.path).toMatch(/^\/s\/[A-Za-z0-9_-]{24}$/);
    return { token: body.path.slice(3) as string, body };
  };
  const download = (cookie: string, token: string, chart: string, search = "format=csv") =>
    routes.chart.GET(req(`/api/shares/${token}/charts/${chart}?${search}`, { cookie }), params({ token, chart }));
  const kpiValue = (rows: Record<string, unknown>[], metric: string) => rows.find((r) => r.metric === metric)?.value;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    holder.__ogiDb = Promise.resolve(t);
    routes = {
      shares: await import("@/app/api/shares/route"),
      chart: await import("@/app/api/shares/[token]/charts/[chart]/route"),
      workbook: await import("@/app/api/shares/[token]/workbook/route"),
      auth: await import("@/app/api/auth/[...all]/route"),
    };
    await ingest("牡丹江市教育局", "231000", "mdj");
    await ingest("哈尔滨市教育局", "230100", "hrb");
    const accounts = [
      { key: "admin", email: "admin@ogi.test", role: "admin" as const },
      { key: "mdj", email: "mdj@ogi.test", role: "supervisor" as const, regionCode: "231000" },
      { key: "hrb", email: "hrb@ogi.test", role: "supervisor" as const, regionCode: "230100" },
      { key: "noexport", email: "ro@ogi.test", role: "supervisor" as const, regionCode: "231000", canExport: false },
    ];
    for (const [i, { key, ...account }] of accounts.entries()) {
      await createUser(t.db, { ...account, name: `${key}用户`, password: PASSWORD });
      const response = await routes.auth.POST(
        req("/api/auth/sign-in/email", {
          method: "POST",
          body: JSON.stringify({ email: account.email, password: PASSWORD }),
          headers: { "content-type": "application/json", "x-ogi-client-address": `10.3.0.${i + 1}` },
        }),
      );
      expect(response.status).toBe(200);
      cookies[key] = cookieOf(response);
    }
  });
  afterAll(async () => {
    holder.__ogiDb = undefined;
    await t?.drop();
  });

  it("a shared view keeps the tables of the moment it was shared while the live ones change", async () => {
    const { token, body } = await tokenOf(
      await share(cookies.mdj, { search: "metric=outcomes.openRate", tables: ["children"] }),
    );
    const before = await readSharedView(t.db, token, MDJ);
    expect(body.datasetVersion).toBe(before.datasetVersion);
    expect(body.frozenAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // A supervisor's view always names the own region; the table views come along.
    expect(before.search).toBe("region=231000&metric=outcomes.openRate&table=children");
    expect(before.regionCode).toBe("231000");
    const filter = { region: "231000" };
    expect(before.charts.map((c) => c.chart)).toEqual(
      listOverviewCharts(filter, { metric: "outcomes.openRate" }).map((c) => c.chart),
    );
    // Exactly what the page showed: the same getChartTable calls under the sharer's scope.
    for (const c of before.charts) {
      const live = await getChartTable(t.db, c.chart, filter, MDJ, c.params);
      expect(c.table.rows).toEqual(live.rows);
      expect(c.table.datasetVersion).toBe(before.datasetVersion);
    }
    const kpis = before.charts.find((c) => c.chart === "kpis")!.table;
    expect(kpiValue(kpis.rows, "quality.received")).toBe(1);

    const added = await ingest("牡丹江市民政局", "231000", "mdj-civil");
    const liveKpis = await getChartTable(t.db, "kpis", filter, MDJ);
    expect(kpiValue(liveKpis.rows, "quality.received")).toBe(2);

    const after = await readSharedView(t.db, token, MDJ);
    expect(after.charts).toEqual(before.charts);
    const page = await loadSharedViewPage(token, MDJ);
    expect(page.currentVersion).not.toBe(before.datasetVersion);
    expect(page.figuresChanged).toBe(true);

    // Downloads serve the stored tables, marked as frozen, and are audited as exports of the share.
    const csv = await download(cookies.mdj, token, "kpis");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("x-dataset-version")).toBe(before.datasetVersion);
    const json = await (await download(cookies.mdj, token, "kpis", "format=json&download=1")).json();
    expect(json.rows).toEqual(kpis.rows);
    expect(json.notes[0]).toContain(`数据版本 ${before.datasetVersion}`);
    const workbook = await routes.workbook.GET(
      req(`/api/shares/${token}/workbook`, { cookie: cookies.mdj }),
      params({ token }),
    );
    expect(workbook.status).toBe(200);
    expect(workbook.headers.get("content-type")).toContain("spreadsheetml");
    const exports = await t.db.select().from(auditLog).where(eq(auditLog.action, "export"));
    expect(exports.map((e) => [e.target, (e.filters as { share?: string }).share])).toEqual([
      ["kpis.csv", token],
      ["kpis.json", token],
      ["overview.xlsx", token],
    ]);
    const [created] = await t.db.select().from(auditLog).where(eq(auditLog.action, "share.create"));
    expect(created).toMatchObject({ actorEmail: "mdj@ogi.test", target: `/s/${token}` });
    expect(created.filters).toMatchObject({ region: "231000", metric: "outcomes.openRate" });

    // Deleting the added report brings the live figures back: the dataset moved on, the figures did not.
    await deleteReport(t.db, added.reportId);
    const back = await loadSharedViewPage(token, MDJ);
    expect(back.currentVersion).not.toBe(before.datasetVersion);
    expect(back.figuresChanged).toBe(false);
  });

  it("a change elsewhere moves the dataset version but leaves the view's figures unchanged", async () => {
    const { token } = await tokenOf(await share(cookies.mdj, { search: "" }));
    await ingest("哈尔滨市民政局", "230100", "hrb-civil");
    const page = await loadSharedViewPage(token, MDJ);
    expect(page.currentVersion).not.toBe(page.datasetVersion);
    expect(page.figuresChanged).toBe(false);
  });

  it("only a viewer whose scope covers the view's region may open it or download from it", async () => {
    const { token } = await tokenOf(await share(cookies.mdj, { search: "region=231000" }));
    await expect(readSharedView(t.db, token, HRB)).rejects.toThrow(ForbiddenError);
    await expect(readSharedView(t.db, token, { regionCodes: ["230000"] })).resolves.toMatchObject({ token });
    await expect(readSharedView(t.db, token, "all")).resolves.toMatchObject({ token });
    const denied = await download(cookies.hrb, token, "kpis", "format=json");
    expect(denied.status).toBe(403);
    const body = await denied.text();
    expect(body).toContain("超出了您账号的数据范围");
    expect(body).not.toContain("rows");
    const deniedBook = await routes.workbook.GET(
      req(`/api/shares/${token}/workbook`, { cookie: cookies.hrb }),
      params({ token }),
    );
    expect(deniedBook.status).toBe(403);
    // The viewer's own export right applies to the frozen downloads too.
    expect((await download(cookies.noexport, token, "kpis")).status).toBe(403);
    expect((await download(cookies.noexport, token, "kpis", "format=json")).status).toBe(200);

    // A national view shared by an administrator is for the whole country: a supervisor may not open it.
    const national = await tokenOf(await share(cookies.admin, { search: "" }));
    const row = (await t.db.select().from(sharedViews).where(eq(sharedViews.id, national.token)))[0];
    expect(row.regionCode).toBeNull();
    await expect(readSharedView(t.db, national.token, MDJ)).rejects.toThrow(ForbiddenError);
  });

  it("nobody shares a region beyond their scope, and malformed requests answer 400 in Chinese", async () => {
    const beyond = await share(cookies.mdj, { search: "region=230100" });
    expect(beyond.status).toBe(403);
    expect((await beyond.json()).error.message).toContain("无权分享该地区");
    for (const body of [
      "not json",
      { search: "year=abc" },
      { search: "", tables: ["nope"] },
      { search: "detailGroup=%00&detailYear=2019" },
      {},
    ]) {
      const response = await share(cookies.mdj, body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const signedOut = await share("", { search: "" });
    expect(signedOut.status).toBe(401);
  });

  it("a bad or unknown token is not found, in Chinese, never a crash", async () => {
    for (const token of ["nope", "A".repeat(24), "../../etc/passwd", "x".repeat(64)]) {
      await expect(readSharedView(t.db, token, "all")).rejects.toThrow(NotFoundError);
      const response = await download(cookies.admin, token, "kpis", "format=json");
      expect(response.status).toBe(404);
      expect((await response.json()).error.message).toContain("分享链接无效");
    }
    const { token } = await tokenOf(await share(cookies.mdj, { search: "" }));
    const missing = await download(cookies.mdj, token, "detail", "format=json");
    expect(missing.status).toBe(404);
    expect((await download(cookies.mdj, token, "kpis", "format=csv&rows=detail")).status).toBe(400);
  });
});
