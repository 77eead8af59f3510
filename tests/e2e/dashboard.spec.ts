import { expect, test } from "@playwright/test";

test("health endpoint reports the database and the loaded sample reports", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.reports).toBeGreaterThanOrEqual(3);
  expect(body.documents).toBeGreaterThanOrEqual(4);
});

test("overview draws the applications chart from the sample data", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /总览/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "新收政府信息公开申请（按申请人类型）" })).toBeVisible();
  const canvas = page.locator('[data-chart="applications-by-year"] canvas').first();
  await expect(canvas).toBeVisible();
  // The chart really drew: count painted (non-transparent, non-white) pixels on the canvas.
  await expect
    .poll(
      () =>
        canvas.evaluate((el: HTMLCanvasElement) => {
          const data = el.getContext("2d")!.getImageData(0, 0, el.width, el.height).data;
          let painted = 0;
          for (let i = 0; i < data.length; i += 4) {
            const white = data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245;
            if (data[i + 3] > 0 && !white) painted++;
          }
          return painted;
        }),
      { message: "canvas has painted pixels" },
    )
    .toBeGreaterThan(2000);
  await expect(page.getByTestId("kpi-cards")).toContainText("n =");
});

test("the year filter lives in the URL and scopes the chart's data", async ({ page }) => {
  await page.goto("/");
  const years = await page.getByLabel("起始年度").locator("option").allTextContents();
  const last = years
    .filter((y) => /\d{4}/.test(y))
    .at(-1)!
    .replace("年", "");
  await page.getByLabel("起始年度").selectOption(last);
  await expect(page).toHaveURL(new RegExp(`from=${last}`));
  const response = await page.request.get(`/api/charts/applications-by-year?from=${last}`);
  const body = await response.json();
  expect(body.rows.every((r: { year: number }) => r.year >= Number(last))).toBe(true);
});

test("a bad filter gets a Chinese 400 error, not a crash", async ({ request }) => {
  const response = await request.get("/api/charts/applications-by-year?region=abc");
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.error.message).toContain("地区代码");
});
