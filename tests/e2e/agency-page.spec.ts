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

test("the text view of an original is the text the parser read, plain and in a sandbox", async ({ page }) => {
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

  // The real CMS page (沭阳县发展和改革局 2023, 110 KB with scripts and site chrome): its words, one table row a line.
  const htmlText = await openTextView(agencyOf(/沭阳县发展和改革局/), /\.html/);
  expect(htmlText).not.toContain("<script");
  expect(htmlText).not.toMatch(/<\/?(?:div|span|p|td|style)\b/i);
  expect(htmlText).toContain("沭阳县发展和改革局2023年政府信息公开年度报告");
  expect(htmlText).toMatch(/^规范性文件 8 0 18$/m);
  expect(htmlText.length).toBeLessThan(20_000);
  expect(dialogs).toEqual([]);
});

/** The page's visible words (what a reader sees, hidden disclosures excluded). */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered words are the point, closed disclosures excluded.
const visibleText = (page: Page) => page.locator("main").innerText();

test("the year tabs choose one year's report in the URL, below the trend charts; a wrong year shows the latest", async ({
  page,
}) => {
  const agency = await pickAgency(page);
  await page.goto(`/agencies/${agency.id}`);
  const tabs = page.getByRole("navigation", { name: "选择报告年度" });
  const yearLinks = tabs.getByRole("link", { name: /^\d{4}年度$/ });
  await expect(yearLinks).toHaveCount(agency.years);
  const years = (await yearLinks.allTextContents()).map((t) => Number(t.slice(0, 4)));
  const [first, latest] = [Math.min(...years), Math.max(...years)];

  // By default the latest year, one report only, and the trend charts above it.
  await expect(tabs.locator('[aria-current="page"]')).toHaveText(`${latest}年度`);
  await expect(page.locator("section.report-year")).toHaveCount(1);
  await expect(page.locator(`#report-${latest}`)).toBeVisible();
  await expect(page.locator(".report-tables")).toHaveCount(1);
  const above = await page.evaluate(() => {
    const trend = document.querySelector('[data-chart-card="agency-trend"]')!;
    const report = document.querySelector("section.report-year")!;
    return Boolean(trend.compareDocumentPosition(report) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(above).toBe(true);

  // Choosing a year is a link: the URL says it, only that year's tables, its meta line and issues show.
  await tabs.getByRole("link", { name: `${first}年度` }).click();
  await expect(page).toHaveURL(new RegExp(`/agencies/${agency.id}\\?year=${first}$`));
  await expect(tabs.locator('[aria-current="page"]')).toHaveText(`${first}年度`);
  await expect(page.locator("section.report-year")).toHaveCount(1);
  await expect(page.locator("section.report-year h2")).toHaveText(new RegExp(`^${first}年度报告`));
  await expect(page.locator("section.report-year .agency-meta")).toHaveCount(1);
  await expect(page).toHaveTitle(new RegExp(`${first}年度报告`));
  // The version history still lists every year.
  const versionYears = await page.locator("#versions tbody tr td:first-child").allTextContents();
  expect(new Set(versionYears.map(Number))).toEqual(new Set(years));

  // The address is shareable, and a wrong year falls back to the latest with a note, never an error.
  for (const bad of ["1999", "abc", "2023x"]) {
    const response = await page.goto(`/agencies/${agency.id}?year=${bad}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("section.report-year")).toHaveCount(1);
    await expect(page.locator(`#report-${latest}`)).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "年度的报告" })).toContainText(`没有“${bad}”年度的报告`);
  }

  // 全部年度: every year, newest first (the print of all years, one year per page run).
  await page.goto(`/agencies/${agency.id}?year=all`);
  await expect(tabs.locator('[aria-current="page"]')).toHaveText("全部年度");
  const headings = await page.locator("section.report-year h2").allTextContents();
  expect(headings.map((h) => Number(h.slice(0, 4)))).toEqual([...years].sort((a, b) => b - a));
  await screenshot(page, "agency-all-years");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the year tabs are plain links that load the chosen year", async ({ page }) => {
    const agency = await pickAgency(page);
    await page.goto(`/agencies/${agency.id}`);
    const tabs = page.getByRole("navigation", { name: "选择报告年度" });
    const first = tabs.getByRole("link", { name: /^\d{4}年度$/ }).first();
    const year = (await first.textContent())!.slice(0, 4);
    await first.click();
    await expect(page).toHaveURL(new RegExp(`\\?year=${year}$`));
    await expect(page.locator("section.report-year h2")).toHaveText(new RegExp(`^${year}年度报告`));
  });
});

test("issues are grouped in the official table's words, errors red, warnings amber, notes not marked", async ({
  page,
}) => {
  const rows = await fetchRows(page, "/api/charts/detail");
  const agencyOf = (pattern: RegExp) => rows.find((r) => pattern.test(String(r.agency)))!.agencyId;
  const INTERNAL = /\b(?:active|applications|review|litigationDirect|litigationAfterReview)\.[a-zA-Z]/;

  // 沭阳县发展和改革局 2023: every 法人或其他组织 cell left blank. One line, the cells folded, amber, checks passed.
  await page.goto(`/agencies/${agencyOf(/沭阳县发展和改革局/)}?year=2023`);
  const section = page.locator("#report-2023");
  const groups = section.locator(".issue-group");
  await expect(groups).toHaveCount(1);
  await expect(groups.first()).toHaveClass(/\bwarning\b/);
  await expect(groups.first().locator(".issue-headline")).toHaveText(/^\d+ 个单元格为空白或划线，按 0 计$/);
  const blankCount = Number((await groups.first().locator(".issue-headline").textContent())!.split(" ")[0]);
  const more = groups.first().locator("details.issue-more");
  await expect(more).not.toHaveAttribute("open");
  await expect(more.locator("summary")).toHaveText(`查看这 ${blankCount} 个单元格（按行列出）`);
  expect(await visibleText(page)).not.toMatch(INTERNAL);
  await more.locator("summary").click();
  await expect(more.locator("li").first()).toBeVisible();
  // Row by row, in the official table's words.
  await expect(more.locator("li").first()).toHaveText(
    "表三“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列“一、本年新收政府信息公开申请数量”行",
  );
  expect(await visibleText(page)).not.toMatch(INTERNAL);
  await expect(section.locator(".flag.ok")).toHaveText("勾稽校验通过");
  await expect(section.locator("td.issue.error")).toHaveCount(0);
  await expect(section.locator("td.issue.warning")).toHaveCount(blankCount);
  const marked = section.locator('td[data-cell="applications.received.commercial"]');
  await expect(marked).toHaveClass(/\bissue warning\b/);
  await expect(marked).toHaveAttribute("title", "警告：原表此格为空白或划线，按 0 计");
  await expect(marked.locator(".visually-hidden")).toHaveText("（警告：原表此格为空白或划线，按 0 计）");
  await screenshot(page, "agency-issues-warning");

  // 洪泽区 2024: a narrative figure off (warning, one cell amber) and two notes (listed, never marked).
  await page.goto(`/agencies/${agencyOf(/洪泽区/)}?year=2024`);
  const hongze = page.locator("#report-2024");
  await expect(hongze.locator(".issue-group.warning")).toHaveCount(1);
  await expect(hongze.locator(".issue-group.info")).toHaveCount(2);
  await expect(hongze.locator(".issue-group.info .severity-tag")).toHaveText(["提示", "提示"]);
  await expect(hongze.locator("td.issue")).toHaveCount(1);
  await expect(hongze.locator("td.issue.warning")).toHaveAttribute("data-cell", "applications.received.total");
  const infoColour = await hongze
    .locator(".issue-group.info")
    .first()
    .evaluate((li) => getComputedStyle(li).borderLeftColor);
  expect(infoColour).not.toMatch(/rgb\((?:179, 38, 30|178, 106, 0)\)/);

  // 平潭 2023: run-together digits that admit several splits are an error, red on their cells, first in the list.
  await page.goto(`/agencies/${agencyOf(/平潭/)}?year=2023`);
  const pingtan = page.locator("#report-2023");
  await expect(pingtan.locator(".issue-group").first()).toHaveClass(/\berror\b/);
  await expect(pingtan.locator(".issue-group.error .issue-headline")).toContainText("表二“行政规范性文件”行");
  expect(await pingtan.locator("td.issue.error").count()).toBeGreaterThan(0);
  await expect(pingtan.locator("td.issue.error").first()).toHaveAttribute("title", /^错误：/);
  expect(await visibleText(page)).not.toMatch(INTERNAL);
  await screenshot(page, "agency-issues-error");
});

test("printing gives the chosen year without tools, buttons or id walls, starting on the first page", async ({
  page,
}) => {
  const rows = await fetchRows(page, "/api/charts/detail");
  const agencyId = rows.find((r) => /沭阳县发展和改革局/.test(String(r.agency)))!.agencyId;
  await page.goto(`/agencies/${agencyId}?year=2023`);
  await expect(page.locator('[data-chart="agency-trend"]')).toHaveAttribute("data-rendered", "true");
  const visibleCount = (selector: string) =>
    page.locator(selector).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
  const tools = "button, .year-tabs, .card-tools, .page-tools, #versions code";
  expect(await visibleCount(tools)).toBeGreaterThan(0);
  await expect(page.getByRole("button", { name: "删除" }).first()).toBeVisible();
  await screenshot(page, "agency-screen");

  await page.emulateMedia({ media: "print" });
  expect(await visibleCount(tools)).toBe(0);
  expect(await visibleCount('[data-chart-card="agency-series"]')).toBe(0);
  await expect(page.locator("#report-2023 .report-table").first()).toBeVisible();
  await expect(page.locator("#report-2023 .issue-group")).toBeVisible();
  expect(await visibleCount("details.issue-more")).toBe(0);
  const printed = await visibleText(page);
  expect(printed).not.toContain("删除");
  expect(printed).not.toMatch(/[0-9a-f]{12}…/);
  expect(printed).not.toMatch(/\bapplications\./);
  await screenshot(page, "agency-print-emulated");

  // The real print (A4): the report starts on the first page, right under the trend chart.
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pdfPath = test.info().outputPath("agency-print.pdf");
  fs.writeFileSync(pdfPath, pdf);
  await test.info().attach("agency-print.pdf", { path: pdfPath, contentType: "application/pdf" });
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pageText = async (n: number) =>
    ((await (await doc.getPage(n)).getTextContent()).items as { str: string }[]).map((i) => i.str).join("");
  const firstPage = await pageText(1);
  expect(firstPage).toContain("沭阳县发展和改革局");
  expect(firstPage).toContain("2023年度报告");
  expect(doc.numPages).toBeLessThanOrEqual(4);
});
