import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "real");

test("an administrator deletes a report version from the agency page and the previous one is current again", async ({
  page,
}) => {
  const original = fs.readFileSync(path.join(FIXTURES, "shuyang-ndrc-2023.html"), "utf8");
  const fileName = `shuyang-reissued-${Date.now()}.html`;
  const upload = await page.request.post("/api/ingest", {
    multipart: {
      file: { name: fileName, mimeType: "text/html", buffer: Buffer.from(`${original}<!-- ${fileName} -->`) },
    },
  });
  expect(upload.ok()).toBe(true);
  const [result] = (await upload.json()).results;
  expect(result.status).toBe("updated");

  await page.goto(`/agencies/${result.agencyId}`);
  const row = page.locator("#versions tr", { hasText: fileName });
  await expect(row).toContainText("当前版本");
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "删除" }).click();
  await expect(page.locator("#versions tr", { hasText: fileName })).toHaveCount(0);
  await expect(page.locator("#versions tr", { hasText: "2023" }).filter({ hasText: "当前版本" })).toHaveCount(1);
});
