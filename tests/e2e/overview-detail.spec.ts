import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";

type Row = Record<string, string | number | boolean | null>;
type Table = { chart: string; title: string; rows: Row[]; columns: { key: string; label: string }[]; totals?: object };

async function fetchTable(page: Page, chart: string, search: string): Promise<Table> {
  const response = await page.request.get(`/api/charts/${chart}?${search}`);
  expect(response.ok()).toBe(true);
  return response.json();
}

/** A province with reports, and the years with data, from the endpoints the page uses. */
async function findProvince(page: Page) {
  const national = await fetchTable(page, "children", "metric=quality.received");
  const province = national.rows.find((r) => r.target === "region" && typeof r.value === "number" && r.value > 0);
  expect(province, "the e2e servers load the sample reports").toBeTruthy();
  const years = (await fetchTable(page, "quality-by-year", "")).rows
    .filter((r) => (r.received as number) > 0)
    .map((r) => r.year as number);
  expect(years.length, "several years of sample reports").toBeGreaterThan(1);
  return { code: String(province!.code), name: String(province!.name), years };
}

test("a KPI card opens the reports behind its number, each linking to its report", async ({ page }) => {
  await page.goto("/");
  const card = page.getByRole("button", { name: /^新收申请：查看\d{4}年度背后的报告$/ });
  await expect(card).toBeVisible();
  const year = Number((await card.getAttribute("aria-label"))!.match(/\d{4}/)![0]);
  await card.click();
  await expect(page).toHaveURL(new RegExp(`detailYear=${year}`));
  await expect(page).toHaveURL(/detailMetric=applications\.received/);
  const detailCard = page.locator('[data-chart-card="detail"]');
  await expect(detailCard.getByRole("heading", { level: 2 })).toHaveText(`明细：${year}年度“新收申请”背后的报告`);
  const detail = await fetchTable(page, "detail", `year=${year}&metric=applications.received`);
  expect(detail.rows.length).toBeGreaterThan(0);
  await expect(detailCard.locator("tbody tr")).toHaveCount(detail.rows.length);
  // The year series' 报告数（n） counts the same reports.
  const series = await fetchTable(page, "applications-by-year", "");
  expect(series.rows.find((r) => r.year === year)?.reports).toBe(detail.rows.length);

  const links = detailCard.locator("tbody a");
  await expect(links).toHaveCount(detail.rows.length);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
    expect(href).toMatch(new RegExp(`^/agencies/\\d+\\?year=${year}#report-${year}$`));
  }
  const first = links.first();
  const agency = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/agencies/\\d+\\?year=${year}#report-${year}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(agency);
});

test("a year-series table row and the quality chart's figures open the reports they count", async ({ page }) => {
  await page.goto("/?table=quality-by-year");
  const card = page.locator('[data-chart-card="quality-by-year"]');
  await expect(card.getByRole("button", { name: "图表视图" })).toHaveAttribute("aria-pressed", "true");
  const quality = await fetchTable(page, "quality-by-year", "");
  const row = quality.rows.find((r) => (r.received as number) > 0)!;
  await card.getByRole("row", { name: `查看${row.year}年度“收到报告”背后的报告` }).click();
  await expect(page).toHaveURL(new RegExp(`detailYear=${row.year}&detailMetric=quality\\.received`));
  const detailCard = page.locator('[data-chart-card="detail"]');
  await expect(detailCard.locator("tbody tr")).toHaveCount(row.received as number);

  // The late reports of a year: exactly as many as the chart's 逾期发布 figure, each flagged late.
  const late = quality.rows.find((r) => (r.late as number) > 0);
  if (late) {
    await page.goto(`/?detailYear=${late.year}&detailMetric=quality.late`);
    await expect(detailCard.getByRole("heading", { level: 2 })).toHaveText(`明细：${late.year}年度逾期发布的报告`);
    await expect(detailCard.locator("tbody tr")).toHaveCount(late.late as number);
    await expect(detailCard.locator("tbody .flag.bad").filter({ hasText: /^逾期/ })).toHaveCount(late.late as number);
  } else test.info().annotations.push({ type: "note", description: "样例数据中没有逾期发布的报告" });

  // 缺报: the agencies themselves, linking to their pages (they have no report that year).
  const missing = quality.rows.find((r) => (r.missing as number) > 0);
  if (missing) {
    await page.goto(`/?detailYear=${missing.year}&detailMetric=quality.missing`);
    await expect(detailCard.getByRole("heading", { level: 2 })).toContainText(`${missing.year}年度缺报机关`);
    await expect(detailCard.locator("tbody tr")).toHaveCount(missing.missing as number);
    for (const href of await detailCard.locator("tbody a").evaluateAll((as) => as.map((a) => a.getAttribute("href"))))
      expect(href).toMatch(/^\/agencies\/\d+$/);
  } else test.info().annotations.push({ type: "note", description: "样例数据中没有缺报机关" });
});

test("going up via the breadcrumbs keeps the compared metric, the year and the table views", async ({ page }) => {
  const province = await findProvince(page);
  const year = province.years[0];
  await page.goto(`/?region=${province.code}&metric=quality.received&year=${year}`);
  const compare = page.locator('[data-chart-card="children"]');
  // Change the comparison after the page loaded: the breadcrumbs follow the URL, not the first render.
  await compare.locator("select").first().selectOption("applications.processed");
  await expect(page).toHaveURL(/metric=applications\.processed/);
  await page.locator('[data-chart-card="heatmap"]').getByRole("button", { name: "表格视图" }).click();
  await expect(page).toHaveURL(/table=heatmap/);
  await page.getByRole("navigation", { name: "地区层级" }).getByRole("link", { name: "全国" }).click();
  await expect(page).not.toHaveURL(/region=/);
  await expect(page).toHaveURL(/metric=applications\.processed/);
  await expect(page).toHaveURL(new RegExp(`year=${year}`));
  await expect(page).toHaveURL(/table=heatmap/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("总览 · 全国");
  await expect(compare.locator("select").first()).toHaveValue("applications.processed");
  await expect(compare.locator("select").nth(1)).toHaveValue(String(year));
  await expect(page.locator('[data-chart-card="heatmap"]').getByTestId("table-heatmap")).toBeVisible();
});

test("the page workbook holds, sheet by sheet, the numbers of the charts the page fetched", async ({ page }) => {
  const province = await findProvince(page);
  const year = province.years[0];
  const fetched = new Map<string, Table>();
  page.on("response", async (response) => {
    const match = new URL(response.url()).pathname.match(/^\/api\/charts\/([\w-]+)$/);
    if (match && response.status() === 200) fetched.set(match[1], await response.json());
  });
  // A comparison year that is not the latest, the agency list (below 全国) and an open detail list.
  await page.goto(
    `/?region=${province.code}&metric=applications.received&year=${year}&detailYear=${province.years.at(-1)}&detailMetric=applications.received`,
  );
  const charts = [
    "kpis",
    "applications-by-year",
    "outcomes-by-year",
    "licensing-by-year",
    "procurement-by-year",
    "review-by-year",
    "quality-by-year",
    "detail",
    "children",
    "heatmap",
    "agencies",
    "quality-agencies",
  ];
  await expect.poll(() => charts.filter((c) => !fetched.has(c))).toEqual([]);
  expect(fetched.get("children")!.rows.every((r) => r.year === year)).toBe(true);

  const href = await page.locator('[data-download="page-xlsx"]').getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
  const names = workbook.worksheets.map((w) => w.name);
  expect(names[0]).toBe("说明");
  expect(names.length).toBe(charts.length + 1);
  for (const [i, chart] of charts.entries()) {
    const json = fetched.get(chart)!;
    const sheet = workbook.worksheets[i + 1];
    expect(sheet.name, chart).toBe(json.title.replace(/[\\/?*[\]:]/g, "").slice(0, 28));
    // A list behind a figure ends in its total row (the figure itself).
    expect(sheet.rowCount - 1, `${chart} rows`).toBe(json.rows.length + (json.totals ? 1 : 0));
    json.rows.forEach((row, r) => {
      json.columns.forEach((column, c) => {
        const value = row[column.key] ?? null;
        const cell = sheet.getRow(r + 2).getCell(c + 1).value ?? null;
        expect(cell, `${chart} row ${r} ${column.key}`).toEqual(
          typeof value === "boolean" ? (value ? "是" : "否") : value,
        );
      });
    });
  }
  const readme = workbook.getWorksheet("说明")!.getSheetValues().flat().join(" ");
  expect(readme).toContain(`年度：${year}年`);
  expect(readme).toMatch(/导出时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);
});

test("with no reports in the filter, the KPI cards say why instead of vanishing", async ({ page }) => {
  await page.goto("/?from=2100");
  await expect(page.getByTestId("kpi-cards")).toContainText("当前筛选条件下没有收到任何年度报告");
});
