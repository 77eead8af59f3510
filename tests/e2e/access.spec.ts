import { expect, type Page, test } from "@playwright/test";

const PASSWORD = process.env.OGI_E2E_ADMIN_PASSWORD!;

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("pages redirect to the sign-in page and the API answers 401", async ({ page, request }) => {
    await page.goto("/agencies/1");
    await expect(page).toHaveURL(/\/login\?next=%2Fagencies%2F1$/);
    await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
    const response = await request.get("/api/charts/applications-by-year");
    expect(response.status()).toBe(401);
    expect((await response.json()).error.message).toBe("请先登录");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("a 牡丹江 supervisor sees only the own region, cannot reach admin pages, and signs out", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/");
    await signIn(page, "e2e-mudanjiang@ogi.local");
    await expect(page).toHaveURL(/region=231000/);
    const crumbs = page.getByRole("navigation", { name: "地区层级" });
    await expect(crumbs).toContainText("牡丹江市");
    await expect(crumbs).not.toContainText("全国");
    await expect(crumbs).not.toContainText("黑龙江省");
    const options = await page.locator("select").first().locator("option").allTextContents();
    expect(options.join()).not.toMatch(/全国|哈尔滨|黑龙江省/);
    // The charts draw under the page's Content-Security-Policy (nonce scripts, ECharts canvas).
    await expect(page.locator("canvas").first()).toBeVisible();
    expect(violations).toEqual([]);
    await expect(page.getByRole("navigation", { name: "主导航" })).not.toContainText("导入报告");

    const detail = await page.request.get("/api/charts/applications-by-year?rows=detail&region=230100");
    expect((await detail.json()).rows).toEqual([]);
    const own = await page.request.get("/api/charts/applications-by-year?rows=detail");
    expect(JSON.stringify(await own.json())).not.toContain("哈尔滨");

    await page.goto("/?region=230100");
    await expect(page.getByRole("heading", { name: "无权查看该地区" })).toBeVisible();
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
    await page.goto("/import");
    await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();

    await page.goto("/?region=231000");
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    expect((await page.request.get("/api/charts/applications-by-year")).status()).toBe(401);
  });

  test("repeated wrong passwords lock the account with a Chinese message", async ({ page }) => {
    // An address nobody has: unknown accounts lock the same way, so the lock says nothing about who exists.
    const email = `brute-${Date.now()}@ogi.local`;
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await signIn(page, email, "wrong-password-123");
      await expect(page.locator(".form-error")).toHaveText("邮箱或密码错误。");
    }
    await signIn(page, email);
    await expect(page.locator(".form-error")).toContainText("登录失败次数过多");
  });
});

test("the administrator's exports appear in the audit log", async ({ page }) => {
  const csv = await page.request.get("/api/charts/applications-by-year?format=csv&from=2020");
  expect(csv.status()).toBe(200);
  await page.goto("/admin/audit?action=export");
  const row = page.locator('tr[data-action="export"]').first();
  await expect(row).toContainText("e2e-admin@ogi.local");
  await expect(row).toContainText("图表：新收政府信息公开申请（按申请人类型） · 格式：CSV · 年度：2020 年起");
  await expect(row).not.toContainText('"from":2020');
  await page.goto("/admin/users");
  await expect(page.locator('tr[data-email="e2e-mudanjiang@ogi.local"]')).toContainText("牡丹江市");
});

test("a client's own X-Forwarded-For is not believed: the audit log records the socket's address", async ({
  playwright,
  request,
  baseURL,
}) => {
  const email = `spoof-${Date.now()}@ogi.local`;
  const stranger = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const response = await stranger.post("/api/auth/sign-in/email", {
    headers: { origin: baseURL!, "x-forwarded-for": "203.0.113.66", "x-ogi-client-address": "203.0.113.67" },
    data: { email, password: "wrong-password-xx" },
  });
  expect(response.status()).toBe(401);
  await stranger.dispose();
  const audit = await request.get("/api/admin/audit?action=sign-in.failed&limit=200");
  const { rows } = (await audit.json()) as { rows: { target: string; ipAddress: string | null }[] };
  expect(rows.find((r) => r.target === email)?.ipAddress).toBe("127.0.0.1");
});
