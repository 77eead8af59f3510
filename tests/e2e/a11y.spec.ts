import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";

/** Presses Tab until `selector` has focus (keyboard only); fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 200) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

const isOpen = (page: Page, selector: string) => page.locator(selector).evaluate((el: HTMLDetailsElement) => el.open);

test("the download list works with the keyboard alone: open, move, Escape, and download a CSV", async ({ page }) => {
  await page.goto("/");
  const card = '[data-chart-card="applications-by-year"]';
  await expect(page.locator(`${card} [data-chart="applications-by-year"]`)).toHaveAttribute("data-rendered", "true");
  const summary = `${card} details.menu > summary`;
  const details = `${card} details.menu`;
  await expect(page.locator(summary)).toHaveAccessibleName("下载“新收政府信息公开申请（按申请人类型）”");

  // Enter opens the list, Tab enters it, Escape closes it and gives focus back to the toggle.
  await tabTo(page, summary);
  await page.keyboard.press("Enter");
  expect(await isOpen(page, details)).toBe(true);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-download"))).toBe("csv");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-download"))).toBe("xlsx");
  await page.keyboard.press("Escape");
  expect(await isOpen(page, details)).toBe(false);
  expect(await page.evaluate((s) => document.activeElement?.matches(s), summary)).toBe(true);

  // Space opens it too; Enter on the first item downloads the CSV and closes the list.
  await page.keyboard.press(" ");
  expect(await isOpen(page, details)).toBe(true);
  await page.keyboard.press("Tab");
  const [file] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  const csv = fs.readFileSync(path, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain("自然人（件）");
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  await expect.poll(() => isOpen(page, details)).toBe(false);

  // Tabbing past the last item closes the list instead of leaving it over the page.
  await page.locator(summary).focus();
  await page.keyboard.press("Enter");
  const items = await page.locator(`${details} .menu-items > *`).count();
  for (let i = 0; i <= items; i++) await page.keyboard.press("Tab");
  expect(await isOpen(page, details)).toBe(false);
  // No leftover ARIA menu roles without the menu keyboard model.
  await expect(page.locator('[role="menu"], [role="menuitem"]')).toHaveCount(0);
});

type LowContrast = { text: string; color: string; background: string; ratio: number };

/** Every visible text element's colour against its composited background, in the page (WCAG 2 formula). */
function findLowContrast(page: Page): Promise<LowContrast[]> {
  return page.evaluate(() => {
    const parse = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r, g, b, a };
    };
    type Rgb = { r: number; g: number; b: number };
    const over = (top: Rgb & { a: number }, under: Rgb): Rgb => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a),
    });
    const luminance = ({ r, g, b }: Rgb) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    const background = (el: Element): Rgb => {
      const chain: Element[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) chain.push(e);
      let color: Rgb = { r: 255, g: 255, b: 255 };
      for (const e of chain.reverse()) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg && bg.a > 0) color = over(bg, color);
      }
      return color;
    };
    const out: { text: string; color: string; background: string; ratio: number }[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (own.length === 0 || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      if ((el as HTMLButtonElement).disabled) continue; // inactive controls are exempt (WCAG 1.4.3)
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue; // visually hidden text
      const bg = background(el);
      const fg = parse(getComputedStyle(el).color)!;
      const [l1, l2] = [luminance(over(fg, bg)), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5) {
        out.push({
          text: own
            .map((n) => n.textContent!.trim())
            .join(" ")
            .slice(0, 40),
          color: getComputedStyle(el).color,
          background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`,
          ratio: Math.round(ratio * 100) / 100,
        });
      }
    }
    return out;
  });
}

test("the overview and an agency page have no text below 4.5:1 contrast", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator('[data-chart="applications-by-year"]')).toHaveAttribute("data-rendered", "true");
  await expect(page.locator('[data-chart-card="quality-agencies"] [aria-busy="true"]')).toHaveCount(0);
  await expect(page.locator(".skeleton")).toHaveCount(0);
  // The muted notes and hints are part of the check: open every 口径说明.
  for (const notes of await page.locator("details.notes").all())
    await notes.evaluate((d: HTMLDetailsElement) => {
      d.open = true;
    });
  expect(await findLowContrast(page)).toEqual([]);

  const detail = await page.request.get("/api/charts/applications-by-year?rows=detail");
  const agencyId = (await detail.json()).rows[0].agencyId;
  await page.goto(`/agencies/${agencyId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".report-table").first()).toBeVisible();
  expect(await findLowContrast(page)).toEqual([]);
});

test("the share dialog and the frozen view it links to have no text below 4.5:1 contrast", async ({ page }) => {
  await page.goto("/?region=231000");
  await expect(page.locator('[data-chart="applications-by-year"]')).toHaveAttribute("data-rendered", "true");
  await page.getByRole("button", { name: "分享当前视图" }).click();
  const dialog = page.getByRole("dialog", { name: "分享当前视图" });
  await expect(dialog.getByLabel("分享链接")).toHaveValue(/\/s\//);
  // The dialog is modal: focus is inside it, and Escape closes it.
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  expect(await findLowContrast(page)).toEqual([]);
  const link = await dialog.getByLabel("分享链接").inputValue();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.goto(link);
  await expect(page.getByTestId("frozen-banner")).toBeVisible();
  await expect(page.locator('[data-chart="applications-by-year"]')).toHaveAttribute("data-rendered", "true");
  await expect(page.locator(".skeleton")).toHaveCount(0);
  expect(await findLowContrast(page)).toEqual([]);
});

test("user administration (region list open) and the audit log have no text below 4.5:1 contrast", async ({ page }) => {
  await page.goto("/admin/users");
  const picker = page.getByRole("combobox", { name: "地区" });
  await picker.fill("南岗");
  await expect(page.getByRole("listbox").getByRole("option").first()).toBeVisible();
  expect(await findLowContrast(page)).toEqual([]);
  await picker.fill("");
  await expect(page.getByRole("listbox").getByRole("option").first()).toBeVisible();
  expect(await findLowContrast(page)).toEqual([]);

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "审计日志" })).toBeVisible();
  expect(await findLowContrast(page)).toEqual([]);
});
