import os from "node:os";
import { openDatabase } from "@/db/client";
import { recordAudit } from "@/lib/auth/audit";
import { createUser } from "@/lib/auth/create-user";
import { listUsers } from "@/lib/auth/list-users";
import { resetPassword } from "@/lib/auth/reset-password";
import { describeScope, ROLE_NAMES, type Role } from "@/lib/auth/roles";
import { setUserDisabled } from "@/lib/auth/set-user-disabled";
import { findUserByEmail, UserInputError } from "@/lib/auth/users";
import { parseCliArgs, reportUsage } from "./support/cli-args";
import { EXIT, runCli } from "./support/run-cli";

const USAGE = `用法：npm run user -- <命令> [参数]
  add <邮箱> --name 姓名 --role admin|supervisor [--region 地区代码] [--no-export] [--password 密码]
                       新建用户；监督员必须指定 --region（如 230000 黑龙江省、231000 牡丹江市）；
                       不给 --password 时生成随机密码并只显示这一次
  list                 列出全部用户
  disable <邮箱>       停用用户（立即结束其全部会话）
  enable <邮箱>        重新启用用户
  reset-password <邮箱> [--password 密码]
                       重置密码（不给 --password 时生成随机密码）并结束其全部会话
退出码：0 成功；2 参数错误；3 操作被拒绝（如用户不存在）；1 致命错误。`;

const actor = { id: "cli", email: `命令行:${os.userInfo().username}` };

await runCli(async () => {
  const { values, positionals } = parseCliArgs(USAGE, {
    allowPositionals: true,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      region: { type: "string" },
      "no-export": { type: "boolean" },
      password: { type: "string" },
    },
  });
  const [command, email] = positionals;
  if (!command) return reportUsage(USAGE);
  if (command !== "list" && !email) return reportUsage(USAGE, "错误：请给出用户邮箱。");
  const handle = await openDatabase({ purpose: "用户管理（npm run user）" });
  const db = handle.db;
  try {
    if (command === "list") {
      const users = await listUsers(db);
      if (users.length === 0) console.log("还没有用户。");
      for (const u of users) {
        const scope = describeScope({ ...u, role: u.role as Role });
        const flags = [u.disabled ? "已停用" : "启用", u.role === "supervisor" && !u.canExport ? "不可导出" : ""];
        console.log(
          `${u.email}\t${u.name}\t${ROLE_NAMES[u.role as Role] ?? u.role}\t${scope}\t${flags.filter(Boolean).join("，")}`,
        );
      }
      return EXIT.ok;
    }
    if (command === "add") {
      const { user, password } = await createUser(db, {
        email,
        name: values.name ?? email.split("@")[0],
        role: (values.role ?? "supervisor") as Role,
        regionCode: values.region ?? null,
        canExport: !values["no-export"],
        password: values.password,
      });
      await recordAudit(db, {
        actor,
        action: "user.create",
        target: user.email,
        filters: { role: user.role, regionCode: user.regionCode, canExport: user.canExport },
      });
      console.log(
        `已创建用户 ${user.email}（${ROLE_NAMES[user.role as Role]}，${describeScope({ ...user, role: user.role as Role })}）。`,
      );
      if (!values.password) console.log(`初始密码（仅显示这一次）：${password}`);
      return EXIT.ok;
    }
    const user = await findUserByEmail(db, email);
    if (!user) {
      process.stderr.write(`错误：没有用户 ${email}。\n`);
      return EXIT.rejected;
    }
    if (command === "disable" || command === "enable") {
      await setUserDisabled(db, user.id, command === "disable");
      await recordAudit(db, {
        actor,
        action: command === "disable" ? "user.disable" : "user.enable",
        target: user.email,
      });
      console.log(command === "disable" ? `已停用 ${user.email}，其会话已全部结束。` : `已启用 ${user.email}。`);
      return EXIT.ok;
    }
    if (command === "reset-password") {
      const password = await resetPassword(db, user.id, values.password);
      await recordAudit(db, { actor, action: "user.reset-password", target: user.email });
      console.log(`已重置 ${user.email} 的密码，其会话已全部结束。`);
      if (!values.password) console.log(`新密码（仅显示这一次）：${password}`);
      return EXIT.ok;
    }
    return reportUsage(USAGE, `错误：未知命令“${command}”。`);
  } catch (error) {
    if (error instanceof UserInputError) {
      process.stderr.write(`错误：${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    await handle.close();
  }
});
