import { expect, type Page, test } from "@playwright/test";

async function screenshot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: "image/png" });
}

async function firstAgencyId(page: Page): Promise<number> {
  const response = await page.request.get("/api/charts/applications-by-year?rows=detail");
  expect(response.ok()).toBe(true);
  const rows = (await response.json()).rows as { agencyId: number }[];
  expect(rows.length, "the e2e servers load the sample reports").toBeGreaterThan(0);
  return rows[0].agencyId;
}

/** The page itself never scrolls sideways (wide tables scroll inside their own box). */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("login page", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
    await expect(page.getByLabel("邮箱")).toBeVisible();
    await screenshot(page, "login");
  });
});

test("import, user administration and forbidden pages", async ({ page }) => {
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1, name: "导入报告" })).toBeVisible();
  await screenshot(page, "import");

  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "用户管理" })).toBeVisible();
  await expect(page.locator('tr[data-email="e2e-admin@ogi.local"]')).toBeVisible();
  await screenshot(page, "admin-users");

  await page.goto("/forbidden");
  await expect(page.getByRole("heading", { level: 1, name: "没有权限" })).toBeVisible();
  await screenshot(page, "forbidden");
});

test.describe("tablet (820×1180)", () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test("overview and agency page fit the width", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator('[data-chart="applications-by-year"]')).toHaveAttribute("data-rendered", "true");
    await expect(page.locator(".skeleton")).toHaveCount(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "tablet-overview");

    await page.goto(`/agencies/${await firstAgencyId(page)}`);
    await expect(page.locator(".report-table").first()).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "tablet-agency");
  });
});

test("printing the agency page hides the navigation and tools", async ({ page }) => {
  await page.goto(`/agencies/${await firstAgencyId(page)}`);
  await expect(page.locator(".report-table").first()).toBeVisible();
  const hidden = ".site-header, .no-print, .card-tools, .year-tabs, button";
  // On screen they show (else the print check below would prove nothing).
  expect(
    await page.locator(hidden).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length),
  ).toBeGreaterThan(0);
  await page.emulateMedia({ media: "print" });
  expect(await page.locator(hidden).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length)).toBe(0);
  await expect(page.locator(".report-table").first()).toBeVisible();
  await screenshot(page, "agency-print");
});

test("my account: the user-box links to it, and a wrong current password is refused in Chinese", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("user-box").getByRole("link").click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "我的账号" })).toBeVisible();
  await page.getByLabel("当前密码").fill("not-the-password-1");
  await page.getByLabel("新密码（至少 10 个字符）").fill("a-new-password-2");
  await page.getByLabel("再次输入新密码").fill("a-new-password-3");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("两次输入的新密码不一致。");
  await page.getByLabel("再次输入新密码").fill("a-new-password-2");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("当前密码错误。");
  await screenshot(page, "account");
});
