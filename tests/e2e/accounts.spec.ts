import { expect, type Page, test } from "@playwright/test";

async function screenshot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: "image/png" });
}

const uniqueEmail = (who: string) => `${who}-${Date.now()}@ogi.local`;

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

test("an administrator creates a supervisor by region name and changes the region in a dialog", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const email = uniqueEmail("picker");
  await page.goto("/admin/users");
  const create = page.locator("section", { has: page.getByRole("heading", { name: "新建用户" }) });
  await create.getByLabel("邮箱（登录账号）").fill(email);
  await create.getByLabel("姓名").fill("南岗监督员");

  // Search by name: the full path shows, the matched words marked; Enter takes the active option.
  const picker = create.getByRole("combobox", { name: "地区" });
  await picker.fill("南岗");
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  const listbox = create.getByRole("listbox");
  const nangang = listbox.getByRole("option", { name: /黑龙江省 › 哈尔滨市 › 南岗区/ });
  await expect(nangang).toBeVisible();
  await expect(nangang.locator("mark")).toHaveText("南岗");
  await screenshot(page, "admin-users-picker-search");
  await picker.fill("哈尔滨 南岗");
  await expect(listbox.getByRole("option")).toHaveCount(1);
  await expect(picker).toHaveAttribute("aria-activedescendant", /.+/);
  await picker.press("Enter");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(create.getByText("已选：黑龙江省 › 哈尔滨市 › 南岗区")).toBeVisible();
  await expect(create.locator('input[type="hidden"][name="regionCode"]')).toHaveValue("230103");
  await expect(picker).toHaveAccessibleDescription(/黑龙江省 › 哈尔滨市 › 南岗区/);

  // Browse: ↓ opens the provinces (no 全国 for a supervisor), → opens one, ← goes back, Escape closes.
  await picker.fill("");
  await picker.press("Escape");
  await page.keyboard.press("ArrowDown");
  await expect(listbox).toHaveAttribute("aria-label", "黑龙江省 › 哈尔滨市 的下级地区");
  await expect(listbox.getByRole("option", { name: /南岗区/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(listbox).toHaveAttribute("aria-label", "黑龙江省 的下级地区");
  await expect(listbox.getByRole("option", { name: /^哈尔滨市/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(listbox).toHaveAttribute("aria-label", "省级地区");
  await expect(listbox.getByRole("option", { name: /全国/ })).toHaveCount(0);
  await screenshot(page, "admin-users-picker-browse");
  await page.keyboard.press("Escape");
  await expect(picker).toHaveAttribute("aria-expanded", "false");

  await create.getByRole("button", { name: "创建用户" }).click();
  const secret = page.locator(".secret-card");
  await expect(secret.getByRole("heading", { name: `已创建用户 ${email}` })).toBeFocused();
  const password = await secret.getByLabel("一次性密码").inputValue();
  expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
  await secret.getByRole("button", { name: "复制密码" }).click();
  await expect(secret.getByRole("status")).toHaveText("已复制到剪贴板。");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
  await screenshot(page, "admin-users-one-time-password");

  const row = page.locator(`tr[data-email="${email}"]`);
  await expect(row).toContainText("黑龙江省 › 哈尔滨市 › 南岗区");

  // Edit in a dialog with the same picker: search, → into the city, choose the whole city.
  await row.getByRole("button", { name: `编辑 ${email}` }).click();
  const dialog = page.getByRole("dialog", { name: "编辑用户" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("已选：黑龙江省 › 哈尔滨市 › 南岗区")).toBeVisible();
  const dialogPicker = dialog.getByRole("combobox", { name: "地区" });
  await dialogPicker.fill("牡丹江");
  await expect(dialog.getByRole("listbox").getByRole("option").first()).toHaveAccessibleName(/^黑龙江省 › 牡丹江市/);
  await dialogPicker.press("ArrowRight");
  await expect(dialog.getByRole("listbox")).toHaveAttribute("aria-label", "黑龙江省 › 牡丹江市 的下级地区");
  await screenshot(page, "admin-users-edit-dialog");
  await dialogPicker.press("ArrowDown");
  await expect(dialog.getByRole("option", { name: "选择整个牡丹江市" })).toHaveAttribute("aria-selected", "true");
  await dialogPicker.press("Enter");
  await expect(dialog.getByText("已选：黑龙江省 › 牡丹江市")).toBeVisible();
  // Escape with the list closed belongs to the dialog; with the list open, only the list closes.
  await dialogPicker.press("ArrowDown");
  await dialogPicker.press("Escape");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `已保存 ${email} 的设置` })).toBeVisible();
  await expect(row).toContainText("黑龙江省 › 牡丹江市");
  await expect(row).not.toContainText("南岗区");
});

test("the server stays the judge: a supervisor without a region is refused in Chinese", async ({ page }) => {
  await page.goto("/admin/users");
  const create = page.locator("section", { has: page.getByRole("heading", { name: "新建用户" }) });
  await create.getByLabel("邮箱（登录账号）").fill(uniqueEmail("noregion"));
  await create.getByLabel("姓名").fill("无地区");
  await create.getByRole("button", { name: "创建用户" }).click();
  await expect(create.getByRole("alert")).toHaveText("监督员必须指定地区");
  // An administrator needs no region: the picker gives way to 全部地区.
  await create.getByLabel("角色").selectOption("admin");
  await expect(create.getByRole("combobox", { name: "地区" })).toHaveCount(0);
  await expect(create.getByText("全部地区（管理员不限地区）")).toBeVisible();
});

test("a new user signs in with the one-time password, changes it at /account and signs in with the new one", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = uniqueEmail("own-password");
  const created = await page.request.post("/api/admin/users", {
    data: { email, name: "自助改密", role: "supervisor", regionCode: "231000" },
  });
  expect(created.status()).toBe(201);
  const oneTime = (await created.json()).password as string;

  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const user = await context.newPage();
  await signIn(user, email, oneTime);
  await expect(user.getByTestId("user-box")).toContainText("自助改密");
  await user
    .getByTestId("user-box")
    .getByRole("link", { name: /自助改密/ })
    .click();
  await expect(user).toHaveURL(/\/account$/);
  const newPassword = "my-own-password-2026";
  await user.getByLabel("当前密码").fill(oneTime);
  await user.getByLabel("新密码（至少 10 个字符）").fill(newPassword);
  await user.getByLabel("再次输入新密码").fill(newPassword);
  await user.getByRole("button", { name: "修改密码" }).click();
  await expect(user.getByRole("status")).toHaveText("密码已修改。其他设备上的登录已退出。");

  // This browser stays signed in; the old password no longer opens the account, the new one does.
  await user.goto("/");
  await expect(user.getByTestId("user-box")).toContainText("自助改密");
  await user.getByRole("button", { name: "退出登录" }).click();
  await expect(user).toHaveURL(/\/login/);
  await signIn(user, email, oneTime);
  await expect(user.locator(".form-error")).toHaveText("邮箱或密码错误。");
  await signIn(user, email, newPassword);
  await expect(user.getByTestId("user-box")).toContainText("自助改密");
  await context.close();

  await page.goto("/admin/audit?action=user.change-password");
  await expect(page.locator('tr[data-action="user.change-password"]').first()).toContainText(email);
  await expect(page.locator('tr[data-action="user.change-password"]').first()).toContainText("修改本人密码");
});

test("the audit log reads in Chinese: Beijing time, chart titles, region names, no raw JSON", async ({ page }) => {
  const search = "format=csv&region=230100&from=2019&to=2023&kind=department&layout=2021";
  expect((await page.request.get(`/api/charts/applications-by-year?${search}`)).status()).toBe(200);
  await page.goto("/admin/audit");
  const row = page.locator('tr[data-action="export"]').first();
  await expect(row).toContainText(
    "图表：新收政府信息公开申请（按申请人类型） · 格式：CSV · 地区：黑龙江省哈尔滨市 · 年度：2019–2023 · 机关类型：政府部门 · 表格版式：2021 版",
  );
  await expect(row.locator("td").nth(3)).toHaveText("总览");
  const shown = (await row.locator("td").first().textContent()) ?? "";
  const at = Date.parse(`${shown.replace(" ", "T")}+08:00`);
  expect(Math.abs(at - Date.now()), `${shown} is Beijing time`).toBeLessThan(5 * 60_000);
  await expect(page.locator('tr[data-action="user.create"]').first()).toContainText(/地区：黑龙江省/);
  const table = (await page.locator(".data-table").textContent()) ?? "";
  expect(table).not.toContain('{"');
  expect(table).not.toContain("applications-by-year");
  await screenshot(page, "admin-audit");

  // The CSV keeps the stored JSON for programs, next to the same summary.
  const csv = await (await page.request.get("/api/admin/audit?format=csv&action=export")).text();
  const [header, first] = csv.slice(1).split("\r\n");
  expect(header).toBe("时间（北京时间）,操作人,操作,对象,筛选条件,筛选条件（JSON）,行数,IP 地址");
  expect(first).toContain("图表：新收政府信息公开申请（按申请人类型） · 格式：CSV · 地区：黑龙江省哈尔滨市");
  expect(first).toContain('""region"":""230100""');
});
