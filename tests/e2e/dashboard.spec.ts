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
  await expect(page.getByRole("heading", { name: "总览" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "本年新收政府信息公开申请数量" })).toBeVisible();
  const canvas = page.locator('[data-testid="echart"] canvas').first();
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
  await expect(page.getByText(/共 \d+ 份报告/)).toBeVisible();
});

test("the year filter lives in the URL and scopes the chart's data", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("起始年度").selectOption("2023");
  await expect(page).toHaveURL(/from=2023/);
  const response = await page.request.get("/api/charts/applications-by-year?from=2023");
  const body = await response.json();
  expect(body.rows.every((r: { year: number }) => r.year >= 2023)).toBe(true);
});

test("a bad filter gets a Chinese 400 error, not a crash", async ({ request }) => {
  const response = await request.get("/api/charts/applications-by-year?region=abc");
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.error.message).toContain("地区代码");
});
