import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { parseCsv } from "./support/csv";

type Row = Record<string, string | number | boolean | null>;
type Table = { rows: Row[]; columns: { key: string; label: string; unit?: string }[] };

const METRIC = "quality.received"; // every group with a report has a non-zero bar

async function fetchTable(page: Page, chart: string, search: string): Promise<Table> {
  const response = await page.request.get(`/api/charts/${chart}?${search}`);
  expect(response.ok()).toBe(true);
  return response.json();
}

/** Clicks the children chart's bar for `name` at its pixel position, as a user would. */
async function clickChildBar(page: Page, name: string) {
  const chart = page.locator('[data-chart="children"]');
  await expect(chart).toHaveAttribute("data-rendered", "true");
  await chart.scrollIntoViewIfNeeded();
  const point = await page.evaluate((category) => {
    const instance = window.__ogiCharts?.children;
    if (!instance) return null;
    const option = instance.getOption() as { yAxis: { data: string[] }[]; series: { data: (number | null)[] }[] };
    const index = option.yAxis[0].data.indexOf(category);
    const value = option.series[0].data[index] ?? 0;
    return instance.convertToPixel({ seriesIndex: 0 }, [value / 2, index]) as number[];
  }, name);
  expect(point, `bar for ${name}`).not.toBeNull();
  const box = (await chart.boundingBox())!;
  await page.mouse.click(box.x + point![0], box.y + point![1]);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  await test.info().attach(name, { path: test.info().outputPath(`${name}.png`), contentType: "image/png" });
}

test("drill from 全国 to an agency's report by clicking, then the URL reproduces the view", async ({
  page,
  context,
}) => {
  const national = await fetchTable(page, "children", `metric=${METRIC}`);
  expect(national.rows.length, "the e2e servers load the sample reports").toBeGreaterThan(0);
  await page.goto(`/?metric=${METRIC}`);
  await screenshot(page, "overview-national");
  const crumbs: string[] = ["全国"];
  let search = "";
  for (let depth = 0; depth < 3; depth++) {
    const table = await fetchTable(page, "children", `${search}${search ? "&" : ""}metric=${METRIC}`);
    const next = table.rows.find((r) => r.target === "region" && typeof r.value === "number" && r.value > 0);
    if (!next) break;
    await clickChildBar(page, String(next.name));
    await expect(page).toHaveURL(new RegExp(`region=${next.code}`));
    crumbs.push(String(next.name));
    await expect(page.getByRole("navigation", { name: "地区层级" })).toHaveText(new RegExp(crumbs.join(".*")));
    search = `region=${next.code}`;
  }
  expect(crumbs.length, "drilled at least one level").toBeGreaterThan(1);
  await screenshot(page, "overview-drilled");

  // The same URL in a new page shows the same view.
  const url = page.url();
  const kpis = (await page.getByTestId("kpi-cards").textContent()) ?? "";
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByRole("navigation", { name: "地区层级" })).toHaveText(new RegExp(crumbs.join(".*")));
  await expect(other.getByTestId("kpi-cards")).toHaveText(kpis);
  await expect(other.locator('[data-chart-card="children"] select').first()).toHaveValue(METRIC);
  await other.close();

  // The lowest level: a county's children chart has one bar per agency; clicking one opens its report in the
  // official layout. Above county level (the sample stops at a 本级 group) the agency list's link does it.
  const lowest = await fetchTable(page, "children", `${search}${search ? "&" : ""}metric=${METRIC}`);
  const agencyBar = lowest.rows.find((r) => r.target === "agency" && typeof r.value === "number" && r.value > 0);
  let agencyName: string;
  if (agencyBar) {
    agencyName = String(agencyBar.name);
    await clickChildBar(page, agencyName);
    await expect(page).toHaveURL(new RegExp(`/agencies/${agencyBar.code}(\\?|$)`));
  } else {
    test.info().annotations.push({ type: "note", description: "样例数据最低层级不是县级机关柱，改点机关列表链接" });
    const firstAgency = page.locator('[data-chart-card="agencies"]').locator("tbody a").first();
    await expect(firstAgency).toBeVisible();
    agencyName = (await firstAgency.innerText()).trim();
    await firstAgency.click();
  }
  await expect(page).toHaveURL(/\/agencies\/\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(agencyName);
  await expect(page.getByText("三、收到和处理政府信息公开申请情况").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "版本历史" })).toBeVisible();
  await screenshot(page, "agency-page");

  // The original document is an attachment that can never run as a page of our origin.
  const href = await page.getByRole("link", { name: "下载原始文档" }).first().getAttribute("href");
  const doc = await page.request.get(href!);
  expect(doc.status()).toBe(200);
  expect(doc.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(doc.headers()["content-security-policy"]).toContain("sandbox");
  expect(doc.headers()["x-content-type-options"]).toBe("nosniff");
});

test("clicking a year's bar lists the reports behind that number", async ({ page }) => {
  const series = await fetchTable(page, "applications-by-year", "");
  expect(series.rows.length, "the e2e servers load the sample reports").toBeGreaterThan(0);
  await page.goto("/");
  const chart = page.locator('[data-chart="applications-by-year"]');
  await expect(chart).toHaveAttribute("data-rendered", "true");
  await chart.scrollIntoViewIfNeeded();
  const row = series.rows.findIndex((r) => (r.reports as number) > 0);
  const point = await page.evaluate((index) => {
    const instance = window.__ogiCharts!["applications-by-year"];
    return instance.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [index, 0]) as number[];
  }, row);
  const box = (await chart.boundingBox())!;
  // Just above the axis: the stacked bar's bottom segment, or the axis band the click still resolves to.
  await page.mouse.click(box.x + point[0], box.y + point[1] - 2);
  const detailCard = page.locator('[data-chart-card="detail"]');
  if (!(await detailCard.isVisible().catch(() => false))) {
    test.info().annotations.push({ type: "note", description: "该年度柱高为 0，改用 URL 打开明细" });
    await page.goto(`/?detailYear=${series.rows[row].year}&detailMetric=applications.received`);
  }
  await expect(detailCard).toBeVisible();
  const detail = await fetchTable(page, "detail", `year=${series.rows[row].year}&metric=applications.received`);
  await expect(detailCard.locator("tbody tr")).toHaveCount(detail.rows.length);
  expect(detail.rows.length).toBe(series.rows[row].reports);
});

test("CSV, XLSX and image downloads hold the chart's numbers", async ({ page }) => {
  const api = await fetchTable(page, "applications-by-year", "");
  expect(api.rows.length, "the e2e servers load the sample reports").toBeGreaterThan(0);
  await page.goto("/");
  const card = page.locator('[data-chart-card="applications-by-year"]');
  await expect(card.locator('[data-chart="applications-by-year"]')).toHaveAttribute("data-rendered", "true");
  const chartData = await page.evaluate(() => {
    const option = window.__ogiCharts!["applications-by-year"].getOption() as {
      xAxis: { data: string[] }[];
      series: { name: string; data: (number | null)[] }[];
    };
    return { years: option.xAxis[0].data, series: option.series.map((s) => ({ name: s.name, data: s.data })) };
  });

  const download = async (kind: string) => {
    await card.getByText("下载", { exact: true }).click();
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      card.locator(`[data-download="${kind}"]`).click(),
    ]);
    const path = test.info().outputPath(file.suggestedFilename());
    await file.saveAs(path);
    return path;
  };

  const csv = parseCsv(fs.readFileSync(await download("csv"), "utf8"));
  const header = csv[0];
  const natural = header.indexOf("自然人（件）");
  const total = header.findIndex((h) => h.startsWith("新收申请总计"));
  expect(natural).toBeGreaterThan(0);
  expect(csv.slice(1).map((r) => `${r[0]}年`)).toEqual(chartData.years);
  const naturalSeries = chartData.series.find((s) => s.name === "自然人")!.data;
  const totalSeries = chartData.series.find((s) => s.name === "总计（表内）")!.data;
  csv.slice(1).forEach((r, i) => {
    expect(r[natural] === "" ? null : Number(r[natural])).toBe(naturalSeries[i]);
    expect(r[total] === "" ? null : Number(r[total])).toBe(totalSeries[i]);
  });

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download("xlsx"));
  expect(workbook.worksheets.map((w) => w.name)[0]).toBe("说明");
  const readme = workbook.getWorksheet("说明")!;
  const readmeText = readme.getSheetValues().flat().join(" ");
  expect(readmeText).toContain("筛选条件");
  expect(readmeText).toContain("数据版本");
  const data = workbook.worksheets[1];
  const headers = (data.getRow(1).values as string[]).slice(1);
  const col = headers.indexOf("自然人（件）") + 1;
  chartData.years.forEach((_, i) => {
    const cell = data.getRow(i + 2).getCell(col).value;
    expect(cell ?? null).toBe(naturalSeries[i]);
  });

  const png = fs.readFileSync(await download("png"));
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  const svg = fs.readFileSync(await download("svg"), "utf8");
  expect(svg).toContain("<svg");

  const detail = parseCsv(fs.readFileSync(await download("detail-csv"), "utf8"));
  expect(detail.length - 1).toBe(api.rows.reduce((n, r) => n + Number(r.reports), 0));
});
