import { promises as fs } from "node:fs";
import { expect, type Page, test } from "@playwright/test";

const TRENDS = ["applications-by-year", "outcomes-by-year", "licensing-by-year", "review-by-year", "quality-by-year"];

type Box = { x: number; y: number; width: number; height: number };

/** Where ECharts drew a chart's legend and its grids, read off the live instance. */
async function readLayout(page: Page, chart: string) {
  return page.evaluate((id) => {
    type View = { __model?: { mainType: string }; group: { x: number; y: number; getBoundingRect: () => Box } };
    type Instance = {
      getWidth: () => number;
      getOption: () => { legend: { type: string; data?: unknown[] }[]; yAxis: { name?: string }[] };
      _componentsViews: View[];
      getModel: () => { getComponent: (t: string, i: number) => { coordinateSystem: { getRect: () => Box } } | null };
    };
    const instance = window.__ogiCharts![id] as unknown as Instance;
    const legend = instance._componentsViews.find((v) => v.__model?.mainType === "legend")!;
    const rect = legend.group.getBoundingRect();
    const grids: Box[] = [];
    for (let i = 0; ; i++) {
      const grid = instance.getModel().getComponent("grid", i);
      if (!grid) break;
      grids.push(grid.coordinateSystem.getRect());
    }
    const option = instance.getOption();
    return {
      width: instance.getWidth(),
      legendType: option.legend[0].type,
      legend: { x: rect.x + legend.group.x, y: rect.y + legend.group.y, width: rect.width, height: rect.height },
      grids,
      axisNames: option.yAxis.map((a) => a.name ?? ""),
    };
  }, chart);
}

async function openDownloads(page: Page, chart: string) {
  const card = page.locator(`[data-chart-card="${chart}"]`);
  await expect(card.locator(`[data-chart="${chart}"]`)).toHaveAttribute("data-rendered", "true");
  await card.getByText("下载", { exact: true }).click();
  return card;
}

test("every legend is whole: no pager, inside the chart, above the plot", async ({ page }) => {
  await page.goto("/");
  for (const chart of TRENDS) {
    await page.locator(`[data-chart="${chart}"]`).scrollIntoViewIfNeeded();
    await expect(page.locator(`[data-chart="${chart}"]`)).toHaveAttribute("data-rendered", "true");
    const layout = await readLayout(page, chart);
    expect(layout.legendType, chart).toBe("plain");
    expect(layout.legend.x, chart).toBeGreaterThanOrEqual(0);
    expect(layout.legend.x + layout.legend.width, chart).toBeLessThanOrEqual(layout.width);
    expect(layout.legend.y + layout.legend.height, `${chart}: the legend ends above the plot`).toBeLessThan(
      layout.grids[0].y,
    );
  }
  // A narrow window wraps the legend onto more rows instead of hiding entries behind a pager.
  await page.setViewportSize({ width: 700, height: 900 });
  const chart = page.locator('[data-chart="applications-by-year"]');
  await chart.scrollIntoViewIfNeeded();
  await expect
    .poll(async () => {
      const layout = await readLayout(page, "applications-by-year");
      return layout.legend.y + layout.legend.height < layout.grids[0].y && layout.width < 700;
    })
    .toBe(true);
  await chart.screenshot({ path: test.info().outputPath("applications-narrow.png") });
});

test("the review chart names its three panels where the eye is", async ({ page }) => {
  await page.goto("/");
  const chart = page.locator('[data-chart="review-by-year"]');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toHaveAttribute("data-rendered", "true");
  const layout = await readLayout(page, "review-by-year");
  expect(layout.axisNames).toEqual(["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]);
  expect(layout.grids).toHaveLength(3);
  for (let i = 1; i < 3; i++)
    expect(layout.grids[i].y).toBeGreaterThan(layout.grids[i - 1].y + layout.grids[i - 1].height);
  await chart.screenshot({ path: test.info().outputPath("review-panels.png") });
});

test("an exported image carries its title, a caption line and its whole legend", async ({ page }) => {
  await page.goto("/");
  const chart = "applications-by-year";
  const title = await page.locator(`[data-chart-card="${chart}"] h2`).textContent();
  let card = await openDownloads(page, chart);
  const [svgFile] = await Promise.all([page.waitForEvent("download"), card.locator('[data-download="svg"]').click()]);
  const svg = await fs.readFile((await svgFile.path())!, "utf8");
  expect(svg).toContain(title!);
  expect(svg).toContain("全国 · 全部年度");
  expect(svg).toMatch(/数据截至 20\d\d-\d\d-\d\d \d\d:\d\d（北京时间）/);
  expect(svg).toContain("来源：各机关政府信息公开工作年度报告");
  for (const name of ["自然人", "商业企业", "其他组织", "总计（表内）"]) expect(svg, name).toContain(name);
  expect(svg).not.toMatch(/>\s*1\/2\s*</);

  card = await openDownloads(page, chart);
  const [pngFile] = await Promise.all([page.waitForEvent("download"), card.locator('[data-download="png"]').click()]);
  const png = await fs.readFile((await pngFile.path())!);
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const screen = await page.locator(`[data-chart="${chart}"]`).boundingBox();
  expect(width).toBeGreaterThanOrEqual(1440);
  expect(height, "the title and caption are added above the chart").toBeGreaterThan(screen!.height * 2);
  await test.info().attach("exported-applications.png", { body: png, contentType: "image/png" });
  await fs.writeFile(test.info().outputPath("exported-applications.png"), png);
});

test("a wide table view takes the whole row, keeps its first column and says it scrolls", async ({ page }) => {
  await page.goto("/?table=applications-by-year");
  const card = page.locator('[data-chart-card="applications-by-year"]');
  const grid = page.locator(".chart-grid").first();
  await expect(card.getByTestId("table-applications-by-year")).toBeVisible();
  const [cardBox, gridBox] = [await card.boundingBox(), await grid.boundingBox()];
  expect(cardBox!.width).toBeGreaterThan(gridBox!.width * 0.95);
  const totalHeader = card.locator("th", { hasText: "新收申请总计" });
  await expect(totalHeader).toBeVisible();
  await expect(card.locator("tbody td").first()).toHaveCSS("position", "sticky");
  // Narrow: the table scrolls, the cue says so, the first column stays put while scrolling.
  await page.setViewportSize({ width: 700, height: 900 });
  await expect(card.getByTestId("scroll-cue")).toContainText("可左右滚动");
  const frame = card.locator(".table-scroll");
  const before = await card.locator("tbody td").first().boundingBox();
  await frame.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  await expect(card.getByTestId("scroll-cue")).toContainText("左侧还有列");
  const after = await card.locator("tbody td").first().boundingBox();
  expect(Math.abs(after!.x - before!.x)).toBeLessThan(2);
  await card.screenshot({ path: test.info().outputPath("applications-table-narrow.png") });
});

test("the list behind a KPI ends in a total row equal to the card", async ({ page }) => {
  await page.goto("/");
  const card = page.locator('[data-metric="applications.received"]');
  const value = await card.locator(".kpi-value").textContent();
  await card.getByRole("button").click();
  const detail = page.locator('[data-chart-card="detail"]');
  const totals = detail.getByTestId("totals-row");
  await expect(totals).toBeVisible();
  await expect(totals.locator("td").first()).toHaveText("合计");
  await expect(totals.locator('[data-column="region"]')).toContainText(`新收申请：${value}`);
  await expect(totals.locator('[data-column="applications.received"]')).toHaveText(value!.replace(/\s*件$/, ""));
  await detail.screenshot({ path: test.info().outputPath("kpi-detail-total.png") });
});

test("the region select tells which regions have reports; an empty region says nothing was imported", async ({
  page,
}) => {
  await page.goto("/");
  const options = await page.locator(".filter-bar select").first().locator("option").allTextContents();
  expect(options.some((o) => /（[\d,]+ 份报告）$/.test(o))).toBe(true);
  const empty = options.find((o) => o.endsWith("（暂无报告）"));
  expect(empty, "the sample data leaves most provinces empty").toBeTruthy();
  await page.locator(".filter-bar select").first().selectOption({ label: empty! });
  await expect(page.getByTestId("region-empty")).toContainText("尚未导入任何年度报告");
  await expect(page.getByText("可放宽年度")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("empty-region.png") });
});

test("the licensing chart says why the 项（增减） line stops after 2020", async ({ page }) => {
  await page.goto("/");
  const chart = page.locator('[data-chart="licensing-by-year"]');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toHaveAttribute("data-rendered", "true");
  const marked = await page.evaluate(() => {
    const o = window.__ogiCharts!["licensing-by-year"].getOption() as {
      series: { name: string; markArea?: { label?: { formatter?: string } } }[];
    };
    return o.series.find((s) => s.name.includes("增/减"))?.markArea?.label?.formatter ?? "";
  });
  expect(marked).toContain("2021 年起的报表无");
  await expect(page.locator('[data-chart-card="licensing-by-year"] .notes')).toContainText("折线在 2020 年止");
  await chart.screenshot({ path: test.info().outputPath("licensing.png") });
});

test("a county whose agency skipped a year shows the gap, labelled, on every trend", async ({ page }) => {
  const response = await page.request.get("/api/charts/quality-agencies");
  const { rows } = (await response.json()) as { rows: { agencyId: number; missingYears: string }[] };
  const skipped = rows.find((r) => /^\d{4}/.test(r.missingYears ?? ""));
  expect(skipped, "the sample data has an agency with a missing year").toBeTruthy();
  const year = skipped!.missingYears.slice(0, 4);
  await page.goto(`/agencies/${skipped!.agencyId}`);
  const county = await page.locator("nav.breadcrumbs a[href*='region=']").last().getAttribute("href");
  await page.goto(county!);
  for (const chart of ["applications-by-year", "review-by-year"]) {
    const drawn = page.locator(`[data-chart="${chart}"]`);
    await drawn.scrollIntoViewIfNeeded();
    await expect(drawn).toHaveAttribute("data-rendered", "true");
    const labels = await page.evaluate(
      (id) => (window.__ogiCharts![id].getOption() as { xAxis: { data: string[] }[] }).xAxis[0].data,
      chart,
    );
    expect(labels, chart).toContain(`${year}年\n缺报`);
  }
  await page.screenshot({ path: test.info().outputPath("county-missing-year.png"), fullPage: true });
});

test("the overview at a glance", async ({ page }) => {
  await page.goto("/");
  for (const chart of TRENDS) {
    await page.locator(`[data-chart="${chart}"]`).scrollIntoViewIfNeeded();
    await expect(page.locator(`[data-chart="${chart}"]`)).toHaveAttribute("data-rendered", "true");
  }
  await page.screenshot({ path: test.info().outputPath("overview.png"), fullPage: true });
});
