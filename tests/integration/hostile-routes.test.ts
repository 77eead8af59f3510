import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { reports } from "@/db/schema";
import { createUser } from "@/lib/auth/create-user";
import { AGENCY_CHART_IDS, CHART_IDS } from "@/lib/charts/chart-catalog";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { buildBadFiles, expectOutcome } from "../support/bad-files";
import { cookieOf, params, req } from "../support/route-requests";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const FIXTURE = path.join(import.meta.dirname, "..", "fixtures", "real", "mudanjiang-education-2019.txt");
const PASSWORD = "correct-horse-battery";
const holder = globalThis as unknown as { __ogiDb?: Promise<DbHandle> };
const OUT_OF_SCOPE = "哈尔滨市教育局";

// Values an attacker or a broken link sends: huge, negative and fractional numbers, unknown enums, control
// characters, very long strings, other regions' codes.
const hostileValue = fc.oneof(
  fc.constantFrom("99999999999999999999", "-1", "0", "1.5", "1e308", "NaN", "2147483648", "230100", "230000", "x"),
  fc.constantFrom("\u0000", "\t/evil", "%00", "../../etc/passwd", "<script>", "'; drop table reports; --"),
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.integer().map(String),
);
const QUERY_KEYS = ["region", "from", "to", "kind", "layout", "year", "metric", "group", "format", "rows"];
const hostileQuery = fc.dictionary(fc.constantFrom(...QUERY_KEYS), hostileValue, { maxKeys: 5 });
const hostileId = fc.oneof(hostileValue, fc.integer({ min: 1, max: 5 }).map(String));

function search(query: Record<string, string>): string {
  const s = new URLSearchParams(query).toString();
  return s ? `?${s}` : "";
}

describe("every API route under hostile parameters", () => {
  let t: TestDatabase;
  let supervisor = "";
  let admin = "";
  let hrbAgency = 0;
  let routes: {
    chart: typeof import("@/app/api/charts/[chart]/route");
    agencyChart: typeof import("@/app/api/agencies/[id]/charts/[chart]/route");
    document: typeof import("@/app/api/documents/[id]/route");
    exportOverview: typeof import("@/app/api/export/overview/route");
    exportAgency: typeof import("@/app/api/export/agency/[id]/route");
    report: typeof import("@/app/api/reports/[id]/route");
    users: typeof import("@/app/api/admin/users/route");
    user: typeof import("@/app/api/admin/users/[id]/route");
    audit: typeof import("@/app/api/admin/audit/route");
    auth: typeof import("@/app/api/auth/[...all]/route");
    ingest: typeof import("@/app/api/ingest/route");
    share: typeof import("@/app/api/shares/route");
    sharedChart: typeof import("@/app/api/shares/[token]/charts/[chart]/route");
    sharedWorkbook: typeof import("@/app/api/shares/[token]/workbook/route");
  };

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    holder.__ogiDb = Promise.resolve(t);
    routes = {
      chart: await import("@/app/api/charts/[chart]/route"),
      agencyChart: await import("@/app/api/agencies/[id]/charts/[chart]/route"),
      document: await import("@/app/api/documents/[id]/route"),
      exportOverview: await import("@/app/api/export/overview/route"),
      exportAgency: await import("@/app/api/export/agency/[id]/route"),
      report: await import("@/app/api/reports/[id]/route"),
      users: await import("@/app/api/admin/users/route"),
      user: await import("@/app/api/admin/users/[id]/route"),
      audit: await import("@/app/api/admin/audit/route"),
      auth: await import("@/app/api/auth/[...all]/route"),
      ingest: await import("@/app/api/ingest/route"),
      share: await import("@/app/api/shares/route"),
      sharedChart: await import("@/app/api/shares/[token]/charts/[chart]/route"),
      sharedWorkbook: await import("@/app/api/shares/[token]/workbook/route"),
    };
    const text = fs.readFileSync(FIXTURE, "utf8");
    await ingestDocument(t.db, { bytes: new TextEncoder().encode(text), fileName: "mdj.txt" });
    const hrb = await ingestDocument(t.db, {
      bytes: new TextEncoder().encode(`${text}\n哈尔滨副本\n`),
      fileName: "hrb.txt",
      metadata: { agency: OUT_OF_SCOPE, regionCode: "230100" },
    });
    if (hrb.status === "rejected") throw new Error("fixture rejected");
    hrbAgency = hrb.agencyId;
    await createUser(t.db, { email: "a@ogi.test", name: "管理员", role: "admin", password: PASSWORD });
    await createUser(t.db, {
      email: "s@ogi.test",
      name: "牡丹江",
      role: "supervisor",
      regionCode: "231000",
      password: PASSWORD,
    });
    const signIn = async (email: string) =>
      cookieOf(
        await routes.auth.POST(
          req("/api/auth/sign-in/email", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email, password: PASSWORD }),
          }),
        ),
      );
    admin = await signIn("a@ogi.test");
    supervisor = await signIn("s@ogi.test");
  });
  afterAll(async () => {
    holder.__ogiDb = undefined;
    await t?.drop();
  });

  /** No 5xx; a 4xx says why in Chinese; a supervisor's answer never holds the other region's agency. */
  async function expectSafe(response: Response, asSupervisor: boolean) {
    expect(response.status, `${response.status} ${await response.clone().text()}`).toBeLessThan(500);
    const body = await response.text();
    if (response.status >= 400) expect(body).toMatch(/[\u4e00-\u9fff]/);
    if (asSupervisor) expect(body).not.toContain(OUT_OF_SCOPE);
  }

  it("chart and export endpoints", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...CHART_IDS), fc.string({ maxLength: 30 })),
        hostileQuery,
        fc.boolean(),
        async (chart, query, asSupervisor) => {
          const cookie = asSupervisor ? supervisor : admin;
          await expectSafe(
            await routes.chart.GET(req(`/api/charts/x${search(query)}`, { cookie }), params({ chart })),
            asSupervisor,
          );
          await expectSafe(
            await routes.exportOverview.GET(req(`/api/export/overview${search(query)}`, { cookie })),
            asSupervisor,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a NUL character in the filters of an export is logged, not a 500", async () => {
    const query = search({ detailGroup: "\u0000", detailYear: "2019" });
    const response = await routes.exportOverview.GET(req(`/api/export/overview${query}`, { cookie: admin }));
    await expectSafe(response, false);
  });

  it("agency, document, report and user endpoints with forged ids", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileId,
        fc.oneof(fc.constantFrom(...AGENCY_CHART_IDS), fc.string({ maxLength: 30 })),
        hostileQuery,
        async (id, chart, query) => {
          const cookie = supervisor;
          const url = (p: string) => req(`${p}${search(query)}`, { cookie });
          await expectSafe(await routes.agencyChart.GET(url("/api/agencies/x/charts/y"), params({ id, chart })), true);
          await expectSafe(await routes.exportAgency.GET(url("/api/export/agency/x"), params({ id })), true);
          await expectSafe(await routes.document.GET(url("/api/documents/x"), params({ id })), true);
          await expectSafe(
            await routes.report.DELETE(req("/api/reports/x", { method: "DELETE", cookie }), params({ id })),
            true,
          );
          await expectSafe(
            await routes.user.PATCH(
              req("/api/admin/users/x", {
                method: "PATCH",
                cookie,
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ role: "admin" }),
              }),
              params({ id }),
            ),
            true,
          );
          await expectSafe(await routes.users.GET(url("/api/admin/users")), true);
          await expectSafe(await routes.audit.GET(url("/api/admin/audit")), true);
        },
      ),
      { numRuns: 40 },
    );
    const own = await routes.agencyChart.GET(
      req(`/api/agencies/${hrbAgency}/charts/agency-trend`, { cookie: supervisor }),
      params({ id: String(hrbAgency), chart: "agency-trend" }),
    );
    expect(own.status).toBe(404);
  });

  it("share links: hostile views to freeze, forged tokens to open", async () => {
    const shared: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...QUERY_KEYS, "detailYear", "detailMetric", "detailGroup", "table"),
          hostileValue,
          { maxKeys: 5 },
        ),
        fc.array(fc.oneof(fc.constantFrom(...CHART_IDS), fc.string({ maxLength: 10 })), { maxLength: 3 }),
        fc.boolean(),
        async (view, tables, asSupervisor) => {
          const cookie = asSupervisor ? supervisor : admin;
          const response = await routes.share.POST(
            req("/api/shares", {
              method: "POST",
              cookie,
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ search: new URLSearchParams(view).toString(), tables }),
            }),
          );
          const answer = response.clone();
          await expectSafe(response, asSupervisor);
          if (response.status === 201 && asSupervisor) shared.push((await answer.json()).path.slice(3));
        },
      ),
      { numRuns: 60 },
    );
    const tokens = fc.oneof(hostileValue, fc.constantFrom(...shared, "AAAAAAAAAAAAAAAAAAAAAAAA"));
    await fc.assert(
      fc.asyncProperty(
        tokens,
        fc.oneof(fc.constantFrom(...CHART_IDS), fc.string()),
        hostileQuery,
        async (token, chart, query) => {
          const url = (p: string) => req(`${p}${search(query)}`, { cookie: supervisor });
          await expectSafe(await routes.sharedChart.GET(url("/api/shares/x/charts/y"), params({ token, chart })), true);
          await expectSafe(await routes.sharedWorkbook.GET(url("/api/shares/x/workbook"), params({ token })), true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("the upload route takes the bad-file corpus: refused files get a Chinese reason and change nothing", async () => {
    const countReports = async () => (await t.db.select({ n: count() }).from(reports))[0].n;
    for (const file of await buildBadFiles()) {
      const before = await countReports();
      const form = new FormData();
      form.append("file", new File([new Uint8Array(file.bytes)], file.name));
      const response = await routes.ingest.POST(req("/api/ingest", { method: "POST", body: form, cookie: admin }));
      expect(response.status, file.name).toBe(200);
      const { results } = (await response.json()) as { results: { status: string; reason?: string }[] };
      expect(results.length, file.name).toBeGreaterThan(0);
      for (const r of results) expectOutcome(file, r);
      if (!file.accepted) expect(await countReports(), file.name).toBe(before);
    }
  });
});
