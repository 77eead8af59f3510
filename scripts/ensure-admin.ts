import { openDatabase } from "@/db/client";
import { ensureFirstAdmin } from "@/lib/auth/bootstrap";
import { EXIT, runCli } from "./support/run-cli";

/** `npm start`: a new database gets its first administrator, with a one-time password shown only here. */
await runCli(async () => {
  const handle = await openDatabase({ purpose: "创建管理员（npm start）" });
  try {
    const created = await ensureFirstAdmin(handle.db);
    if (created) {
      const line = "═".repeat(60);
      console.log(`\n${line}`);
      console.log("  已创建管理员账号（仅显示这一次，请立即登录并妥善保存或修改密码）：");
      console.log(`    邮箱：${created.email}`);
      console.log(`    密码：${created.password}`);
      console.log("  登录后在“我的账号”（/account）修改密码；忘记密码：npm run user -- reset-password admin@ogi.local");
      console.log(`${line}\n`);
    }
    return EXIT.ok;
  } finally {
    await handle.close();
  }
});
