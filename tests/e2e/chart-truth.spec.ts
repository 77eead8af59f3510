import { expect, test } from "@playwright/test";
import { getMetric } from "../../lib/metrics";

type Cell = { value: number[]; fill: string };

test("the heatmap colours each cell by its value, and a missing report apart from a 0", async ({ page }) => {
  await page.goto("/");
  const chart = page.locator('[data-chart="heatmap"]');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toHaveAttribute("data-rendered", "true");
  const series = await page.evaluate(() => {
    const instance = window.__ogiCharts!.heatmap as unknown as {
      getModel: () => {
        getSeriesCount: () => number;
        getSeriesByIndex: (i: number) => {
          getData: () => {
            count: () => number;
            getValues: (i: number) => number[];
            getItemVisual: (i: number, key: string) => { fill: string };
          };
        };
      };
    };
    const model = instance.getModel();
    return Array.from({ length: model.getSeriesCount() }, (_, s) => {
      const data = model.getSeriesByIndex(s).getData();
      return Array.from({ length: data.count() }, (_, i) => ({
        value: data.getValues(i),
        fill: String(data.getItemVisual(i, "style").fill),
      }));
    });
  });
  const [cells, missing] = series as Cell[][];
  expect(cells.length, "the sample data fills the heatmap").toBeGreaterThan(1);
  const byValue = [...cells].sort((a, b) => a.value[2] - b.value[2]);
  const [low, high] = [byValue[0], byValue.at(-1)!];
  expect(high.value[2]).toBeGreaterThan(low.value[2]);
  expect(high.fill, "the largest value is darker than the smallest").not.toBe(low.fill);
  expect(new Set(cells.map((c) => c.fill)).size).toBeGreaterThan(2);
  expect(cells.map((c) => c.fill)).not.toContain("#5070dd");
  for (const cell of missing) expect(cell.fill).toBe("#e4e7eb");
  await chart.screenshot({ path: test.info().outputPath("heatmap.png") });
});

test("KPI changes are coloured by whether they are good news, and read out once", async ({ page }) => {
  await page.goto("/");
  const cards = page.getByTestId("kpi-cards").locator("article");
  await expect(cards.first()).toBeVisible();
  const seen = await cards.evaluateAll((articles) =>
    articles.map((a) => {
      const change = a.querySelector(".kpi-change") as HTMLElement;
      return { metric: a.dataset.metric!, text: change.textContent ?? "", tone: change.dataset.tone! };
    }),
  );
  expect(seen.length).toBeGreaterThan(3);
  for (const card of seen) {
    expect(card.text.match(/同比/g), card.text).toHaveLength(1);
    const sign = /同比 ([+−±—])/.exec(card.text)?.[1];
    const direction = getMetric(card.metric).direction ?? "neutral";
    const expected =
      direction === "neutral" || sign === "±" || sign === "—"
        ? "neutral"
        : (sign === "+") === (direction === "up-good")
          ? "better"
          : "worse";
    expect(card.tone, `${card.metric} ${card.text}`).toBe(expected);
  }
  const volume = page.locator('[data-metric="applications.received"] .kpi-change');
  await expect(volume).toHaveCSS("color", "rgb(74, 85, 99)");
  await page.getByTestId("kpi-cards").screenshot({ path: test.info().outputPath("kpi-cards.png") });
});

test("a year without reports stays on the trend axis, labelled 缺报, its values gaps", async ({ page }) => {
  await page.goto("/?from=2017");
  const chart = page.locator('[data-chart="applications-by-year"]');
  await expect(chart).toHaveAttribute("data-rendered", "true");
  const option = await page.evaluate(() => {
    const o = window.__ogiCharts!["applications-by-year"].getOption() as {
      xAxis: { data: string[] }[];
      series: { data: (number | null)[] }[];
    };
    return { years: o.xAxis[0].data, first: o.series.map((s) => s.data[0]) };
  });
  expect(option.years.slice(0, 2)).toEqual(["2017年\n缺报", "2018年\n缺报"]);
  expect(option.first.every((v) => v === null)).toBe(true);
  await chart.screenshot({ path: test.info().outputPath("applications-missing-years.png") });
});

test("the comparison's title says which year it shows, latest or chosen", async ({ page }) => {
  await page.goto("/");
  const heading = page.locator('[data-chart-card="children"] h2');
  await expect(heading).toHaveText(/对比（20\d\d年，最新）$/);
  await page.goto("/?year=2020");
  await expect(heading).toHaveText(/对比（2020年）$/);
});

test("the JSON download is a file, and an audited export", async ({ page }) => {
  await page.goto("/");
  const card = page.locator('[data-chart-card="applications-by-year"]');
  await expect(card.locator('[data-chart="applications-by-year"]')).toHaveAttribute("data-rendered", "true");
  await card.getByText("下载", { exact: true }).click();
  const [file] = await Promise.all([page.waitForEvent("download"), card.locator('[data-download="json"]').click()]);
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const table = JSON.parse(await (await import("node:fs")).promises.readFile((await file.path())!, "utf8"));
  expect(table.chart).toBe("applications-by-year");
  const audit = await page.request.get("/api/admin/audit?action=export&limit=20");
  const { rows } = (await audit.json()) as { rows: { target: string }[] };
  expect(rows.map((r) => r.target)).toContain("applications-by-year.json");
});
