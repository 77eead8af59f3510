import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "real");

test("uploading reports shows each file's result as it finishes, with a link to the report", async ({ page }) => {
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "导入报告" })).toBeVisible();
  const original = fs.readFileSync(path.join(FIXTURES, "mudanjiang-education-2019.txt"), "utf8");
  await page.getByLabel("选择报告文件").setInputFiles([
    {
      name: "mudanjiang-corrected.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(`${original}\n更正于 ${Date.now()}\n`),
    },
    { name: "random.bin", mimeType: "application/octet-stream", buffer: Buffer.from([0, 1, 2, 250, 251, 252, 7]) },
  ]);
  const updated = page.locator('tr[data-status="updated"]');
  await expect(updated).toContainText("mudanjiang-corrected.txt");
  await expect(updated.getByRole("link")).toHaveAttribute("href", /\/agencies\/\d+\?year=2019/);
  const rejected = page.locator('tr[data-status="rejected"]');
  await expect(rejected).toContainText("random.bin");
  await expect(rejected.locator(".error")).toHaveText(/[\u4e00-\u9fa5]/);
  await expect(page.getByText(/更新 1 · 未变 0 · 拒绝 1/)).toBeVisible();
});

test("the upload endpoint answers a request without files in Chinese", async ({ request }) => {
  const response = await request.post("/api/ingest", { multipart: { note: "无文件" } });
  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toContain("没有收到文件");
});
