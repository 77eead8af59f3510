import fs from "node:fs";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "real");
const SCREENSHOTS = path.join(import.meta.dirname, "..", ".output", "screenshots");
// 牡丹江市, 2019 only: the year of the real 牡丹江市教育局 report, so a new 2019 report there moves the KPI cards.
const VIEW = "/?region=231000&from=2019&to=2019";

/** The figures a reader sees: every KPI card's value and the applications chart's series as drawn. */
async function readFigures(page: Page) {
  await expect(page.getByTestId("kpi-cards")).toBeVisible();
  const chart = page.locator('[data-chart="applications-by-year"]');
  await expect(chart).toHaveAttribute("data-rendered", "true");
  const kpis = await page
    .locator("[data-testid=kpi-cards] .kpi-card")
    .evaluateAll((cards) =>
      cards.map((c) => [c.getAttribute("data-metric"), c.querySelector(".kpi-value")?.getAttribute("data-value")]),
    );
  const series = await page.evaluate(() => {
    const option = window.__ogiCharts!["applications-by-year"].getOption() as {
      xAxis: { data: string[] }[];
      series: { name: string; data: unknown[] }[];
    };
    return { years: option.xAxis[0].data, series: option.series.map((s) => [s.name, s.data]) };
  });
  return { kpis: Object.fromEntries(kpis), series };
}

async function signInAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(process.env.OGI_E2E_ADMIN_PASSWORD!);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("user-box")).toBeVisible();
  return page;
}

test.describe("a share link with a frozen view", () => {
  let addedReport: number | null = null;

  // The report this spec adds is its own: it is deleted again whatever happens, so other specs see the sample data.
  test.afterEach(async ({ request }) => {
    if (addedReport !== null) expect((await request.delete(`/api/reports/${addedReport}`)).ok()).toBe(true);
    addedReport = null;
  });

  test("shows the figures of the moment it was shared, and says when newer data exists", async ({ page }) => {
    await page.goto(VIEW);
    const atShare = await readFigures(page);
    expect(atShare.kpis["quality.received"]).toMatch(/^[1-9]\d*$/);

    await page.getByRole("button", { name: "分享当前视图" }).click();
    const dialog = page.getByRole("dialog", { name: "分享当前视图" });
    await expect(dialog.getByTestId("share-summary")).toHaveText(
      /^链接冻结了 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 的数据（数据版本 r\d+），对方看到的数字与您现在看到的一致。$/,
    );
    const version = /数据版本 (r\d+)/.exec((await dialog.getByTestId("share-summary").textContent()) ?? "")![1];
    const link = await dialog.getByLabel("分享链接").inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{24}$/);
    await dialog.getByRole("button", { name: "复制链接" }).click();
    await expect(dialog.getByRole("status")).toContainText(/已复制|Ctrl\+C/);
    await fs.promises.mkdir(SCREENSHOTS, { recursive: true });
    await dialog.screenshot({ path: path.join(SCREENSHOTS, "share-dialog.png") });
    await dialog.getByRole("button", { name: "关闭" }).click();

    await page.goto(link);
    // The link opens the same view state, read-only.
    await expect(page).toHaveURL(/\/s\/[\w-]{24}\?region=231000&from=2019&to=2019&metric=/);
    const banner = page.getByTestId("frozen-banner");
    await expect(banner).toContainText(
      new RegExp(`这是 \\d{4} 年 \\d{1,2} 月 \\d{1,2} 日 分享的冻结视图（数据版本 ${version}）`),
    );
    await expect(banner).toContainText("此后数据没有更新");
    expect(await readFigures(page)).toEqual(atShare);
    // Controls that would change the view are off: the filters, the comparison's choices, the drill-down hints.
    const selects = page.locator('.filter-bar select, [data-chart-card="children"] select');
    await expect(selects).toHaveCount(7);
    for (const select of await selects.all()) await expect(select).toBeDisabled();
    await expect(page.getByText("点击柱形查看该年度的机关报告明细。")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "分享当前视图" })).toHaveCount(0);
    await expect(page.locator('[data-download="page-xlsx"]')).toHaveAttribute(
      "href",
      /^\/api\/shares\/[\w-]{24}\/workbook$/,
    );

    // A new 2019 report of a new agency in 牡丹江市 changes the live figures.
    const original = fs.readFileSync(path.join(FIXTURES, "mudanjiang-education-2019.txt"), "utf8");
    const upload = await page.request.post("/api/ingest", {
      multipart: {
        file: {
          name: `share-spec-${Date.now()}.txt`,
          mimeType: "text/plain",
          buffer: Buffer.from(original.replaceAll("牡丹江市教育局", "牡丹江市分享测试局")),
        },
      },
    });
    expect(upload.ok()).toBe(true);
    const [result] = (await upload.json()).results;
    expect(result.status).toBe("new");
    addedReport = result.reportId;

    await page.reload();
    await expect(banner).toContainText(/此后数据已更新（当前数据版本 r\d+；本视图中的数字已有变化）/);
    expect(await readFigures(page)).toEqual(atShare);
    await page.screenshot({ path: path.join(SCREENSHOTS, "share-frozen-view.png") });

    const frozenCsv = await page.request.get(
      `${new URL(link).pathname.replace("/s/", "/api/shares/")}/charts/kpis?format=csv`,
    );
    expect(frozenCsv.ok()).toBe(true);
    expect(frozenCsv.headers()["x-dataset-version"]).toBe(version);

    await banner.getByRole("link", { name: "查看最新数据 →" }).click();
    await expect(page).toHaveURL(/\/\?region=231000&from=2019&to=2019&metric=/);
    const live = await readFigures(page);
    expect(Number(live.kpis["quality.received"])).toBe(Number(atShare.kpis["quality.received"]) + 1);
  });

  test("a bad token is not found, and a view beyond the viewer's region is refused", async ({ page, browser }) => {
    await page.goto("/s/not-a-real-token");
    await expect(page.getByRole("heading", { name: "分享链接无效" })).toBeVisible();
    await page.goto("/s/AAAAAAAAAAAAAAAAAAAAAAAA");
    await expect(page.getByRole("heading", { name: "分享链接无效" })).toBeVisible();

    const share = async (search: string) => {
      const response = await page.request.post("/api/shares", { data: { search } });
      expect(response.status()).toBe(201);
      return (await response.json()).path as string;
    };
    const national = await share("");
    const mudanjiang = await share("region=231000");
    const supervisor = await signInAs(browser, "e2e-mudanjiang@ogi.local");
    await supervisor.goto(national);
    await expect(supervisor.getByRole("heading", { name: "无权查看该冻结视图（403）" })).toBeVisible();
    await expect(supervisor.getByTestId("share-forbidden")).toContainText("全国的数据，超出了您账号的数据范围");
    await expect(supervisor.getByTestId("kpi-cards")).toHaveCount(0);
    await supervisor.goto(mudanjiang);
    await expect(supervisor.getByTestId("frozen-banner")).toContainText("分享的冻结视图");
    await expect(supervisor.getByTestId("kpi-cards")).toBeVisible();
    await supervisor.context().close();
  });
});
