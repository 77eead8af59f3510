import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditLog, reports, sourceDocuments } from "@/db/schema";
import { createUser } from "@/lib/auth/create-user";
import { scopeOfUser } from "@/lib/auth/roles";
import { updateUser } from "@/lib/auth/update-user";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { getAgencyPage } from "@/lib/queries/agency-page";
import { cookieOf, params, req } from "../support/route-requests";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

const FIXTURE = path.join(import.meta.dirname, "..", "fixtures", "real", "mudanjiang-education-2019.txt");
const PASSWORD = "correct-horse-battery";
const holder = globalThis as unknown as { __ogiDb?: Promise<DbHandle> };

type Routes = {
  chart: typeof import("@/app/api/charts/[chart]/route");
  document: typeof import("@/app/api/documents/[id]/route");
  overview: typeof import("@/app/api/export/overview/route");
  ingest: typeof import("@/app/api/ingest/route");
  report: typeof import("@/app/api/reports/[id]/route");
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  audit: typeof import("@/app/api/admin/audit/route");
  auth: typeof import("@/app/api/auth/[...all]/route");
  health: typeof import("@/app/api/health/route");
  regions: typeof import("@/app/api/regions/route");
};

async function loadRoutes(): Promise<Routes> {
  return {
    chart: await import("@/app/api/charts/[chart]/route"),
    document: await import("@/app/api/documents/[id]/route"),
    overview: await import("@/app/api/export/overview/route"),
    ingest: await import("@/app/api/ingest/route"),
    report: await import("@/app/api/reports/[id]/route"),
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    audit: await import("@/app/api/admin/audit/route"),
    auth: await import("@/app/api/auth/[...all]/route"),
    health: await import("@/app/api/health/route"),
    regions: await import("@/app/api/regions/route"),
  };
}

describe.each<DriverKind>(["postgres", "pglite"])("access control on %s", (kind) => {
  let t: TestDatabase;
  let routes: Routes;
  const cookies: Record<string, string> = {};
  const ids = { mdjAgency: 0, hrbAgency: 0, mdjDoc: 0, hrbDoc: 0, hrbReport: 0, xssDoc: 0, mdjUser: "" };

  async function signIn(email: string, password = PASSWORD, ip = "10.9.9.9") {
    return routes.auth.POST(
      req("/api/auth/sign-in/email", {
        method: "POST",
        body: JSON.stringify({ email, password }),
        headers: { "content-type": "application/json", "x-ogi-client-address": ip },
      }),
    );
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    holder.__ogiDb = Promise.resolve(t);
    routes = await loadRoutes();
    const text = fs.readFileSync(FIXTURE, "utf8");
    const mdj = await ingestDocument(t.db, { bytes: new TextEncoder().encode(text), fileName: "mdj.txt" });
    const hrb = await ingestDocument(t.db, {
      bytes: new TextEncoder().encode(`${text}\n哈尔滨副本\n`),
      fileName: "hrb.txt",
      metadata: { agency: "哈尔滨市教育局", regionCode: "230100" },
    });
    await ingestDocument(t.db, {
      bytes: new TextEncoder().encode(`<html><body><script>alert(document.cookie)</script>${text}</body></html>`),
      fileName: "../../mdj-xss.html",
      mediaType: "text/html",
      metadata: { agency: "牡丹江市教育局", regionCode: "231000", year: 2020 },
    });
    if (mdj.status === "rejected" || hrb.status === "rejected") throw new Error("fixture rejected");
    const docOf = async (reportId: number) =>
      (await t.db.select().from(reports).where(eq(reports.id, reportId)))[0].sourceDocumentId;
    Object.assign(ids, {
      mdjAgency: mdj.agencyId,
      hrbAgency: hrb.agencyId,
      mdjDoc: await docOf(mdj.reportId),
      hrbDoc: await docOf(hrb.reportId),
      hrbReport: hrb.reportId,
      // Parsed or rejected, the hostile bytes are kept as the original document.
      xssDoc: (await t.db.select().from(sourceDocuments).where(eq(sourceDocuments.fileName, "../../mdj-xss.html")))[0]
        .id,
    });
    await createUser(t.db, { email: "admin@ogi.test", name: "管理员", role: "admin", password: PASSWORD });
    const { user } = await createUser(t.db, {
      email: "mdj@ogi.test",
      name: "牡丹江",
      role: "supervisor",
      regionCode: "231000",
      password: PASSWORD,
    });
    ids.mdjUser = user.id;
    await createUser(t.db, {
      email: "viewer@ogi.test",
      name: "只读",
      role: "supervisor",
      regionCode: "231000",
      canExport: false,
      password: PASSWORD,
    });
    for (const [name, email] of [
      ["admin", "admin@ogi.test"],
      ["mdj", "mdj@ogi.test"],
      ["viewer", "viewer@ogi.test"],
    ]) {
      const response = await signIn(email, PASSWORD, `10.1.0.${Object.keys(cookies).length + 1}`);
      expect(response.status).toBe(200);
      const setCookie = response.headers.getSetCookie().join("\n");
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      cookies[name] = cookieOf(response);
    }
  });
  afterAll(async () => {
    holder.__ogiDb = undefined;
    await t?.drop();
  });

  const detailOf = async (cookie: string, search = "") => {
    const response = await routes.chart.GET(
      req(`/api/charts/applications-by-year?rows=detail${search}`, { cookie }),
      params({ chart: "applications-by-year" }),
    );
    return { status: response.status, body: await response.json() };
  };

  it("signed-out requests get 401 from every route but health", async () => {
    const calls: Promise<Response>[] = [
      routes.chart.GET(req("/api/charts/applications-by-year"), params({ chart: "applications-by-year" })),
      routes.chart.GET(req("/api/charts/applications-by-year"), params({ chart: "applications-by-year" })),
      routes.document.GET(req(`/api/documents/${ids.mdjDoc}`), params({ id: String(ids.mdjDoc) })),
      routes.overview.GET(req("/api/export/overview")),
      routes.ingest.POST(req("/api/ingest", { method: "POST", body: new FormData() })),
      routes.report.DELETE(req(`/api/reports/${ids.hrbReport}`, { method: "DELETE" }), params({ id: "1" })),
      routes.users.GET(req("/api/admin/users")),
      routes.users.POST(req("/api/admin/users", { method: "POST", body: "{}" })),
      routes.user.PATCH(req("/api/admin/users/x", { method: "PATCH", body: "{}" }), params({ id: "x" })),
      routes.audit.GET(req("/api/admin/audit")),
      routes.regions.GET(req("/api/regions")),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "请先登录" } });
    }
    expect((await routes.health.GET()).status).toBe(200);
  });

  it("health tells a signed-out caller only that it is up; the counts need a session", async () => {
    const anonymous = await routes.health.GET(req("/api/health"));
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: "ok" });
    const signedIn = await (await routes.health.GET(req("/api/health", { cookie: cookies.admin }))).json();
    expect(signedIn.status).toBe("ok");
    expect(signedIn.reports).toBeGreaterThan(0);
  });

  it("a supervisor whose region is narrowed never revalidates rows out of the new scope", async () => {
    const { user } = await createUser(t.db, {
      email: "wide@ogi.test",
      name: "黑龙江",
      role: "supervisor",
      regionCode: "230000",
      password: PASSWORD,
    });
    const ask = async (cookie: string, etag?: string) =>
      routes.chart.GET(
        req("/api/charts/applications-by-year?rows=detail", {
          cookie,
          headers: etag ? { "if-none-match": etag } : undefined,
        }),
        params({ chart: "applications-by-year" }),
      );
    const agencyChart = await import("@/app/api/agencies/[id]/charts/[chart]/route");
    const askAgency = async (cookie: string, etag?: string) =>
      agencyChart.GET(
        req(`/api/agencies/${ids.hrbAgency}/charts/agency-trend`, {
          cookie,
          headers: etag ? { "if-none-match": etag } : undefined,
        }),
        params({ id: String(ids.hrbAgency), chart: "agency-trend" }),
      );
    const wide = cookieOf(await signIn("wide@ogi.test", PASSWORD, "10.1.9.1"));
    const agencyBefore = await askAgency(wide);
    expect(agencyBefore.status).toBe(200);
    const agencyEtag = agencyBefore.headers.get("etag") ?? "";
    const before = await ask(wide);
    const etag = before.headers.get("etag") ?? "";
    const agenciesBefore = (await before.json()).rows.map((r: { agency: string }) => r.agency);
    expect(agenciesBefore).toContain("哈尔滨市教育局");

    await updateUser(t.db, user.id, { regionCode: "231000" });
    const narrowed = cookieOf(await signIn("wide@ogi.test", PASSWORD, "10.1.9.2"));
    const after = await ask(narrowed, etag);
    expect(after.status).toBe(200);
    expect((await after.json()).rows.map((r: { agency: string }) => r.agency)).not.toContain("哈尔滨市教育局");

    const outOfReach = await askAgency(narrowed, agencyEtag);
    expect(outOfReach.status).toBe(404);
  });

  it("the region picker's table: any signed-in user, nested province → city → county, cached by the browser", async () => {
    const response = await routes.regions.GET(req("/api/regions", { cookie: cookies.viewer }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, max-age=86400");
    const nodes = (await response.json()) as [string, string, unknown[]?][];
    const heilongjiang = nodes.find(([code]) => code === "230000") as [string, string, [string, string, unknown[]][]];
    expect(heilongjiang[1]).toBe("黑龙江省");
    const harbin = heilongjiang[2].find(([code]) => code === "230100")!;
    expect(harbin[2]).toContainEqual(["230103", "南岗区"]);
  });

  it("a user changes their own password: the current one is checked, the new one signs in", async () => {
    await createUser(t.db, {
      email: "self@ogi.test",
      name: "自助",
      role: "supervisor",
      regionCode: "231000",
      password: PASSWORD,
    });
    const cookie = cookieOf(await signIn("self@ogi.test", PASSWORD, "10.1.8.1"));
    const change = (currentPassword: string, newPassword: string) =>
      routes.auth.POST(
        req("/api/auth/change-password", {
          method: "POST",
          cookie,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ currentPassword, newPassword, revokeOtherSessions: true }),
        }),
      );
    const wrong = await change("not-the-password", "another-password-1");
    expect(wrong.ok).toBe(false);
    expect((await wrong.json()).error.message).toBe("当前密码错误。");
    expect((await change(PASSWORD, "another-password-1")).status).toBe(200);
    expect((await signIn("self@ogi.test", "another-password-1", "10.1.8.2")).status).toBe(200);
    const changes = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.change-password"));
    expect(changes.map((e) => [e.actorEmail, e.target])).toEqual([["self@ogi.test", "self@ogi.test"]]);
  });

  it("the sign-in service tells a signed-out caller 未登录, not a service error", async () => {
    const response = await routes.auth.GET(req("/api/auth/list-sessions"));
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toBe("未登录，请先登录。");
  });

  it("unknown metrics and ids too large for a row answer 400 in Chinese, never 500", async () => {
    const calls = [
      routes.chart.GET(req("/api/charts/detail?metric=bogus", { cookie: cookies.admin }), params({ chart: "detail" })),
      routes.chart.GET(
        req("/api/charts/children?metric=x.y", { cookie: cookies.admin }),
        params({ chart: "children" }),
      ),
      routes.document.GET(req("/api/documents/99999999999", { cookie: cookies.admin }), params({ id: "99999999999" })),
      routes.report.DELETE(
        req("/api/reports/99999999999999999999", { method: "DELETE", cookie: cookies.admin }),
        params({ id: "99999999999999999999" }),
      ),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("INVALID_INPUT");
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("a 牡丹江 supervisor's charts hold no 哈尔滨 data, even when asking for 哈尔滨", async () => {
    const admin = await detailOf(cookies.admin);
    expect(JSON.stringify(admin.body.rows)).toContain("哈尔滨市教育局");
    const own = await detailOf(cookies.mdj);
    expect(own.status).toBe(200);
    expect(own.body.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(own.body)).not.toContain("哈尔滨");
    const asked = await detailOf(cookies.mdj, "&region=230100");
    expect(asked.body.rows).toEqual([]);
    const first = await routes.chart.GET(
      req("/api/charts/applications-by-year?region=230100", { cookie: cookies.mdj }),
      params({ chart: "applications-by-year" }),
    );
    const rows = (await first.json()).rows as Record<string, unknown>[];
    expect(rows.every((r) => Object.values(r).every((v) => typeof v !== "number" || v === 0 || r.year === v))).toBe(
      true,
    );
  });

  it("agency detail is out of reach outside the scope", async () => {
    const mdjUser = {
      id: "u",
      email: "m",
      name: "m",
      role: "supervisor" as const,
      regionCode: "231000",
      canExport: true,
    };
    expect(await getAgencyPage(t.db, ids.hrbAgency, scopeOfUser(mdjUser))).toBeNull();
    expect(await getAgencyPage(t.db, ids.mdjAgency, scopeOfUser(mdjUser))).not.toBeNull();
  });

  it("exports: within the scope, refused without the export right, each one in the audit log", async () => {
    const csv = await routes.chart.GET(
      req("/api/charts/applications-by-year?rows=detail&format=csv&from=2019", { cookie: cookies.mdj }),
      params({ chart: "applications-by-year" }),
    );
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("牡丹江市教育局");
    expect(text).not.toContain("哈尔滨");
    const xlsx = await routes.overview.GET(req("/api/export/overview?region=230100", { cookie: cookies.mdj }));
    expect(xlsx.status).toBe(200);
    const denied = await routes.chart.GET(
      req("/api/charts/applications-by-year?format=csv", { cookie: cookies.viewer }),
      params({ chart: "applications-by-year" }),
    );
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.message).toMatch(/导出/);
    expect((await routes.overview.GET(req("/api/export/overview", { cookie: cookies.viewer }))).status).toBe(403);
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "export"), eq(auditLog.actorEmail, "mdj@ogi.test")));
    expect(entries.map((e) => e.target).sort()).toEqual(["applications-by-year.csv", "overview.xlsx"]);
    const chartEntry = entries.find((e) => e.target === "applications-by-year.csv")!;
    expect(chartEntry.filters).toMatchObject({ from: 2019, rows: "detail", format: "csv" });
    expect(chartEntry.rowCount).toBeGreaterThan(0);
    expect(entries.find((e) => e.target === "overview.xlsx")!.filters).toMatchObject({ region: "230100" });
  });

  it("original documents: only within the scope, never active in our origin, no path in the file name", async () => {
    const get = (id: number, cookie: string, search = "") =>
      routes.document.GET(req(`/api/documents/${id}${search}`, { cookie }), params({ id: String(id) }));
    expect((await get(ids.hrbDoc, cookies.mdj)).status).toBe(404);
    expect((await get(ids.hrbDoc, cookies.admin)).status).toBe(200);
    const own = await get(ids.mdjDoc, cookies.mdj);
    expect(own.status).toBe(200);
    const xss = await get(ids.xssDoc, cookies.admin);
    expect(xss.status).toBe(200);
    expect(xss.headers.get("content-type")).toBe("application/octet-stream");
    expect(xss.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(xss.headers.get("content-disposition")).not.toMatch(/filename="[^"]*\//);
    expect(xss.headers.get("content-disposition")).not.toContain("../");
    const asText = await get(ids.xssDoc, cookies.admin, "?view=text");
    // The text the parser read: the page's words, never its markup or its script.
    const shown = await asText.text();
    expect(shown).toContain("牡丹江市教育局");
    expect(shown).not.toContain("<script");
    expect(shown).not.toContain("alert(document.cookie)");
    expect(asText.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(asText.headers.get("content-security-policy")).toMatch(/sandbox/);
    expect(asText.headers.get("x-content-type-options")).toBe("nosniff");
    const traversal = await routes.document.GET(
      req("/api/documents/..%2F..%2Fetc%2Fpasswd", { cookie: cookies.admin }),
      params({ id: "../../etc/passwd" }),
    );
    expect(traversal.status).toBe(400);
  });

  it("ingestion: administrators only, and never from another site", async () => {
    const form = () => {
      const f = new FormData();
      f.append("file", new File(["no report here"], "note.txt", { type: "text/plain" }));
      return f;
    };
    const bySupervisor = await routes.ingest.POST(
      req("/api/ingest", { method: "POST", body: form(), cookie: cookies.mdj }),
    );
    expect(bySupervisor.status).toBe(403);
    const crossSite = await routes.ingest.POST(
      req("/api/ingest", { method: "POST", body: form(), cookie: cookies.admin, origin: "https://evil.example" }),
    );
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe("CROSS_SITE_REQUEST");
    const fetchMetadata = await routes.ingest.POST(
      req("/api/ingest", { method: "POST", body: form(), cookie: cookies.admin, origin: null, site: "cross-site" }),
    );
    expect(fetchMetadata.status).toBe(403);
    const ok = await routes.ingest.POST(req("/api/ingest", { method: "POST", body: form(), cookie: cookies.admin }));
    expect(ok.status).toBe(200);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "ingest"));
    expect(entry).toMatchObject({ actorEmail: "admin@ogi.test", rowCount: 1 });
  });

  it("deletion: administrators only, never cross-site, audited", async () => {
    const del = (cookie: string, origin?: string) =>
      routes.report.DELETE(
        req(`/api/reports/${ids.hrbReport}`, { method: "DELETE", cookie, origin }),
        params({ id: String(ids.hrbReport) }),
      );
    expect((await del(cookies.mdj)).status).toBe(403);
    expect((await del(cookies.admin, "https://evil.example")).status).toBe(403);
    expect((await t.db.select().from(reports).where(eq(reports.id, ids.hrbReport))).length).toBe(1);
    const ok = await del(cookies.admin);
    expect(ok.status).toBe(200);
    expect((await t.db.select().from(reports).where(eq(reports.id, ids.hrbReport))).length).toBe(0);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "report.delete"));
    expect(entries).toHaveLength(1);
    expect((await del(cookies.admin)).status).toBe(404);
  });

  it("user management: administrators only; disabling ends the sessions at once", async () => {
    const body = JSON.stringify({ email: "new@ogi.test", name: "新", role: "supervisor", regionCode: "230000" });
    expect((await routes.users.GET(req("/api/admin/users", { cookie: cookies.mdj }))).status).toBe(403);
    expect(
      (await routes.users.POST(req("/api/admin/users", { method: "POST", body, cookie: cookies.mdj }))).status,
    ).toBe(403);
    expect((await routes.audit.GET(req("/api/admin/audit", { cookie: cookies.mdj }))).status).toBe(403);
    const created = await routes.users.POST(req("/api/admin/users", { method: "POST", body, cookie: cookies.admin }));
    expect(created.status).toBe(201);
    expect((await created.json()).password).toHaveLength(20);
    const audit = await routes.audit.GET(req("/api/admin/audit?format=csv", { cookie: cookies.admin }));
    const csv = await audit.text();
    expect(csv).toContain("新建用户");
    // The summary in words next to the stored JSON: the new supervisor's region by name.
    expect(csv).toContain("地区：黑龙江省 · 角色：监督员 · 导出权限：可导出");
    expect(csv).toContain('""regionCode"":""230000""');
    expect(csv).toContain("导出数据");
    expect(csv).toContain("登录");

    const patch = (cookie: string, action: string) =>
      routes.user.PATCH(
        req(`/api/admin/users/${ids.mdjUser}`, { method: "PATCH", body: JSON.stringify({ action }), cookie }),
        params({ id: ids.mdjUser }),
      );
    expect((await patch(cookies.mdj, "disable")).status).toBe(403);
    expect((await patch(cookies.admin, "disable")).status).toBe(200);
    const after = await detailOf(cookies.mdj);
    expect(after.status).toBe(401);
    expect((await signIn("mdj@ogi.test", PASSWORD, "10.2.0.1")).status).toBe(403);
  });

  it("brute force on sign-in: locked after five failures with a Chinese message, even for the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const response = await signIn("viewer@ogi.test", "wrong-password-xx", `10.3.0.${i + 1}`);
      expect(response.status).toBe(401);
      expect((await response.json()).error.message).toBe("邮箱或密码错误。");
    }
    const locked = await signIn("viewer@ogi.test", PASSWORD, "10.3.1.1");
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.message).toMatch(/登录失败次数过多.*分钟后再试/);
    const failures = await t.db.select().from(auditLog).where(eq(auditLog.action, "sign-in.failed"));
    expect(failures.length).toBeGreaterThanOrEqual(5);
  });

  it("rapid sign-ins from one address are rate limited in Chinese", async () => {
    let last: Response | null = null;
    for (let i = 0; i < 22; i++)
      last = await signIn(`nobody${i}@ogi.test`, "wrong-password-xx", `10.4.${kind === "pglite" ? 1 : 2}.1`);
    expect(last!.status).toBe(429);
    expect((await last!.json()).error.message).toMatch(/频繁/);
  });

  it("a rotating X-Forwarded-For neither escapes the per-address limit nor reaches the audit log", async () => {
    const address = `10.5.${kind === "pglite" ? 1 : 2}.1`;
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await routes.auth.POST(
        req("/api/auth/sign-in/email", {
          method: "POST",
          body: JSON.stringify({ email: `spoof${i}@ogi.test`, password: "wrong-password-xx" }),
          headers: {
            "content-type": "application/json",
            "x-ogi-client-address": address,
            "x-forwarded-for": `203.0.113.${i + 1}`,
            "x-real-ip": `198.51.100.${i + 1}`,
          },
        }),
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const logged = await t.db.select().from(auditLog).where(eq(auditLog.target, "spoof0@ogi.test"));
    expect(logged.map((e) => e.ipAddress)).toEqual([address]);
  });

  it("sign-up and other unused auth endpoints are closed", async () => {
    const signUp = await routes.auth.POST(
      req("/api/auth/sign-up/email", {
        method: "POST",
        body: JSON.stringify({ email: "x@ogi.test", password: PASSWORD, name: "x" }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(signUp.status).toBe(404);
  });
});
