import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";

const PASSWORD = process.env.OGI_E2E_ADMIN_PASSWORD!;
// The server renders the page in its own Chromium, one at a time: generous, never a measure of speed.
const SNAPSHOT_TIMEOUT = 240_000;
test.setTimeout(2 * SNAPSHOT_TIMEOUT);

type PdfText = { numPages: number; pages: string[]; text: string };

async function readPdf(bytes: Buffer): Promise<PdfText> {
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const items = (await (await doc.getPage(n)).getTextContent()).items as { str: string }[];
    pages.push(items.map((i) => i.str).join(""));
  }
  return { numPages: doc.numPages, pages, text: pages.join("\n") };
}

/** Keeps the PDF, and page 1 as a PNG when poppler's pdftoppm is installed, with the test's results. */
async function keep(name: string, bytes: Buffer) {
  const pdfPath = test.info().outputPath(`${name}.pdf`);
  fs.writeFileSync(pdfPath, bytes);
  await test.info().attach(`${name}.pdf`, { path: pdfPath, contentType: "application/pdf" });
  const prefix = test.info().outputPath(`${name}-page1`);
  try {
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", pdfPath, prefix]);
  } catch {
    return; // no pdftoppm here: the PDF alone is kept
  }
  await test.info().attach(`${name}-page1.png`, { path: `${prefix}.png`, contentType: "image/png" });
}

/** Every chart card's title as the page shows it, once its charts have drawn. */
async function readCardTitles(page: Page): Promise<string[]> {
  await expect(page.locator(".skeleton")).toHaveCount(0, { timeout: 60_000 });
  for (const chart of await page.locator("[data-chart]").all()) {
    await expect(chart).toHaveAttribute("data-rendered", "true", { timeout: 60_000 });
  }
  return (await page.locator("[data-chart-card]:not(.no-print) h2").allTextContents()).map((t) => t.trim());
}

/** Clicks 下载 PDF 快照 and returns the file the browser saved. */
async function downloadSnapshot(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: SNAPSHOT_TIMEOUT }),
    page.getByRole("link", { name: "下载 PDF 快照" }).click(),
  ]);
  const path = test.info().outputPath(`download-${Date.now()}.pdf`);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(path) };
}

function expectPrintedPage(pdf: PdfText, titles: string[]) {
  expect(pdf.numPages).toBeGreaterThan(1);
  const text = pdf.text.replace(/\s+/g, "");
  for (const title of titles) expect(text, `chart title “${title}” is printed`).toContain(title.replace(/\s+/g, ""));
  expect(pdf.text).toContain("数据截至");
  expect(pdf.pages[0].replace(/\s+/g, "")).toContain(`第1页/共${pdf.numPages}页`);
  expect(pdf.pages[0]).toContain("北京时间");
}

async function signIn(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("user-box")).toBeVisible();
  return { context, page };
}

test("the overview downloads as an A4 PDF with every chart, its caption line and page numbers", async ({ page }) => {
  await page.goto("/?from=2020");
  const titles = await readCardTitles(page);
  expect(titles.length).toBeGreaterThan(5);
  const { name, bytes } = await downloadSnapshot(page);
  expect(name).toMatch(/^总览.*\.pdf$/);
  await keep("overview-snapshot", bytes);
  const pdf = await readPdf(bytes);
  expectPrintedPage(pdf, titles);
  expect(pdf.text).toContain("筛选条件：地区 全国 · 年度 2020–最新年度 · 机关类型 全部 · 表格版式 全部");
  expect(pdf.text).not.toContain("下载本页全部图表");

  const audit = await page.request.get("/api/admin/audit?action=export&limit=20");
  const { rows } = (await audit.json()) as { rows: { target: string }[] };
  expect(rows.map((r) => r.target)).toContain("overview.pdf");
});

test("an agency page downloads as a PDF with its trend chart and report", async ({ page }) => {
  const detail = await page.request.get("/api/charts/detail");
  const rows = (await detail.json()).rows as { agencyId: number; agency: string }[];
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.agencyId, (counts.get(r.agencyId) ?? 0) + 1);
  const [agencyId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  const agency = rows.find((r) => r.agencyId === agencyId)!.agency;

  await page.goto(`/agencies/${agencyId}?year=all`);
  const titles = await readCardTitles(page);
  expect(titles).toContain("各年度申请与公开率");
  const { name, bytes } = await downloadSnapshot(page);
  expect(name).toContain(agency);
  await keep("agency-snapshot", bytes);
  const pdf = await readPdf(bytes);
  expectPrintedPage(pdf, titles);
  expect(pdf.pages[0]).toContain(agency);
  expect(pdf.text).toContain("年度报告");
});

test("the snapshot sees exactly the caller's scope", async ({ browser, baseURL }) => {
  const { context, page } = await signIn(browser, baseURL!, "e2e-mudanjiang@ogi.local");
  const response = await page.request.get(`/api/snapshot?path=${encodeURIComponent("/")}`, {
    timeout: SNAPSHOT_TIMEOUT,
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const bytes = await response.body();
  await keep("supervisor-overview-snapshot", bytes);
  const pdf = await readPdf(bytes);
  expect(pdf.text).toContain("牡丹江市");
  expect(pdf.text).not.toMatch(/哈尔滨|沭阳/);
  await context.close();
});

test("a user without the export permission gets 403 and no button", async ({ browser, baseURL }) => {
  const { context, page } = await signIn(browser, baseURL!, "e2e-noexport@ogi.local");
  await expect(page.locator('[data-chart-card="applications-by-year"]')).toBeVisible();
  await expect(page.getByRole("link", { name: "下载 PDF 快照" })).toHaveCount(0);
  const response = await page.request.get(`/api/snapshot?path=${encodeURIComponent("/?region=231000")}`);
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toContain("没有导出数据的权限");
  await context.close();
});

test("only the app's own pages are printed: other hosts and API routes get a Chinese 400", async ({ request }) => {
  for (const path of ["//evil.com", "http://127.0.0.1:9/", "/api/health", "/../api/health", "/admin/users"]) {
    const response = await request.get(`/api/snapshot?path=${encodeURIComponent(path)}`);
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error.message).toContain("只能为本看板的总览");
  }
  expect((await request.get("/api/snapshot")).status()).toBe(400);
});
