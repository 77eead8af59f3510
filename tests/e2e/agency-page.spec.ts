import fs from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { parseCsv } from "./support/csv";

type Row = Record<string, string | number | boolean | null>;

async function fetchRows(page: Page, url: string): Promise<Row[]> {
  const response = await page.request.get(url);
  expect(response.ok()).toBe(true);
  return (await response.json()).rows;
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  await test.info().attach(name, { path: test.info().outputPath(`${name}.png`), contentType: "image/png" });
}

async function download(page: Page, card: Locator, kind: string): Promise<string> {
  await card.getByText("下载", { exact: true }).click();
  const [file] = await Promise.all([page.waitForEvent("download"), card.locator(`[data-download="${kind}"]`).click()]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** The agency with the most report years in the sample data. */
async function pickAgency(page: Page): Promise<{ id: number; name: string; years: number }> {
  const rows = await fetchRows(page, "/api/charts/detail");
  expect(rows.length, "the e2e servers load the sample reports").toBeGreaterThan(0);
  const counts = new Map<number, { name: string; years: number }>();
  for (const r of rows) {
    const id = Number(r.agencyId);
    counts.set(id, { name: String(r.agency), years: (counts.get(id)?.years ?? 0) + 1 });
  }
  const [id, best] = [...counts.entries()].sort((a, b) => b[1].years - a[1].years)[0];
  return { id, ...best };
}

test("an agency's series downloads as CSV and XLSX with the page's numbers, and the page as one workbook", async ({
  page,
}) => {
  const agency = await pickAgency(page);
  expect(agency.years).toBeGreaterThan(1);
  await page.goto(`/agencies/${agency.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(agency.name);

  // The all-metrics table is a chart card whose default view is the table.
  const series = page.locator('[data-chart-card="agency-series"]');
  const table = series.getByTestId("table-agency-series");
  await expect(table).toBeVisible();
  const years = (await table.locator("thead th").allTextContents()).filter((h) => /^\d{4}年$/.test(h.trim()));
  expect(years.length).toBe(agency.years);
  const receivedRow = table
    .locator("tbody tr")
    .filter({ has: page.locator('td[data-column="name"]', { hasText: /^新收申请$/ }) });
  await expect(receivedRow).toHaveCount(1);
  const lastYear = years.at(-1)!.trim();
  const shown = (await receivedRow.locator(`td[data-column="y${lastYear.slice(0, 4)}"]`).textContent())?.trim() ?? "";
  expect(shown).toMatch(/^[\d,]+$/);
  const pageValue = Number(shown.replace(/,/g, ""));

  const csv = parseCsv(fs.readFileSync(await download(page, series, "csv"), "utf8"));
  const header = csv[0];
  const csvRow = csv.find((r) => r[header.indexOf("指标编号")] === "applications.received")!;
  expect(Number(csvRow[header.indexOf(lastYear)])).toBe(pageValue);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download(page, series, "xlsx"));
  expect(workbook.worksheets[0].name).toBe("说明");
  const readme = workbook.worksheets[0].getSheetValues().flat().join(" ");
  expect(readme).toContain(`机关：${agency.name}`);
  expect(readme).toContain("数据版本");
  const sheet = workbook.worksheets[1];
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  let xlsxValue: unknown;
  sheet.eachRow((row) => {
    if (row.getCell(headers.indexOf("指标编号") + 1).value === "applications.received") {
      xlsxValue = row.getCell(headers.indexOf(lastYear) + 1).value;
    }
  });
  expect(xlsxValue).toBe(pageValue);

  // The trend chart: its table view holds the same number, and it downloads as a picture.
  const trend = page.locator('[data-chart-card="agency-trend"]');
  await expect(trend.locator('[data-chart="agency-trend"]')).toHaveAttribute("data-rendered", "true");
  await screenshot(page, "agency-page");
  const png = fs.readFileSync(await download(page, trend, "png"));
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(fs.readFileSync(await download(page, trend, "svg"), "utf8")).toContain("<svg");
  await trend.getByRole("button", { name: "表格视图" }).click();
  const trendRow = trend.getByTestId("table-agency-trend").locator("tbody tr").last();
  await expect(trendRow.locator('td[data-column="received"]')).toHaveText(shown);

  // The page workbook: 说明, a sheet per chart, a sheet per year's report cells.
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "下载本页全部数据（XLSX）" }).click(),
  ]);
  const bookPath = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(bookPath);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(bookPath);
  expect(book.worksheets.map((w) => w.name)).toEqual([
    "说明",
    "各年度申请与公开率",
    "全部指标 · 各年度",
    ...years.map((y) => `${y.trim().slice(0, 4)}年度报告单元格`),
  ]);
});

test("the text view of an original is plain text in a sandbox: PDF or DOCX extracted, HTML inert", async ({ page }) => {
  const rows = await fetchRows(page, "/api/charts/detail");
  const agencyOf = (pattern: RegExp) => rows.find((r) => pattern.test(String(r.agency)))?.agencyId;
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  const openTextView = async (agencyId: unknown, fileName: RegExp) => {
    expect(agencyId, `sample agency for ${fileName}`).toBeTruthy();
    await page.goto(`/agencies/${agencyId}`);
    const section = page.locator("section.report-year").filter({ hasText: fileName }).first();
    const link = section.getByRole("link", { name: "以纯文本查看原文" });
    const href = (await link.getAttribute("href"))!;
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response.headers()["content-security-policy"]).toContain("sandbox");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    const [view] = await Promise.all([page.waitForEvent("popup"), link.click()]);
    await view.waitForLoadState();
    expect(await view.evaluate(() => document.contentType)).toBe("text/plain");
    expect(await view.evaluate(() => document.scripts.length)).toBe(0);
    const text = (await view.locator("body").textContent()) ?? "";
    await view.close();
    return text;
  };

  // The real PDF sample (淮安市洪泽区人民政府 2024): the text pdf.js extracts for the parser.
  const pdfText = await openTextView(agencyOf(/洪泽区/), /\.pdf/);
  expect(pdfText).toContain("政府信息公开");
  expect(pdfText).toMatch(/洪泽/);

  // The real CMS page (沭阳县发展和改革局 2023) carries <script> tags: shown as text, never run.
  const htmlText = await openTextView(agencyOf(/沭阳县发展和改革局/), /\.html/);
  expect(htmlText).toContain("<script");
  expect(htmlText).toContain("政府信息公开");
  expect(dialogs).toEqual([]);
});
