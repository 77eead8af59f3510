import path from "node:path";
import { expect, test as setup } from "@playwright/test";

/** Signs in as the test administrator through the sign-in page and keeps the session for the other specs. */
setup("sign in as the test administrator", async ({ page }, info) => {
  const project = info.project.name.replace(/-setup$/, "");
  await page.goto("/login");
  await page.getByLabel("邮箱").fill("e2e-admin@ogi.local");
  await page.getByLabel("密码").fill(process.env.OGI_E2E_ADMIN_PASSWORD!);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("user-box")).toContainText("测试管理员");
  await page.context().storageState({
    path: path.join(import.meta.dirname, "..", ".output", "auth", `${project}-admin.json`),
  });
});
