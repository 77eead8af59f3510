"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ScrollTable } from "./scroll-table";

export type AdminUserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  roleName: string;
  regionCode: string | null;
  scopeName: string;
  canExport: boolean;
  disabled: boolean;
  createdAt: string;
  isSelf: boolean;
};

async function send(url: string, method: string, body: unknown) {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(data?.error?.message ?? "操作失败，请稍后重试。");
  return data;
}

/** The user table with its actions; a new or reset password is shown once, here. */
export function UserAdmin({ users }: { users: AdminUserRow[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function run(action: () => Promise<string>) {
    setMessage(null);
    try {
      setMessage({ kind: "ok", text: await action() });
      router.refresh();
    } catch (error) {
      setMessage({ kind: "error", text: error instanceof Error ? error.message : String(error) });
    }
  }

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    await run(async () => {
      const data = await send("/api/admin/users", "POST", {
        email: form.get("email"),
        name: form.get("name"),
        role: form.get("role"),
        regionCode: form.get("regionCode") || null,
        canExport: form.get("canExport") === "on",
      });
      target.reset();
      return `已创建 ${data.user.email}，初始密码（仅显示这一次）：${data.password}`;
    });
  }

  const patch = (u: AdminUserRow, body: Record<string, unknown>) => send(`/api/admin/users/${u.id}`, "PATCH", body);

  return (
    <>
      {message ? (
        <p
          className={message.kind === "ok" ? "notice" : "form-error"}
          role={message.kind === "ok" ? "status" : "alert"}
        >
          {message.text}
        </p>
      ) : null}
      <section className="card" aria-labelledby="new-user-h">
        <h2 id="new-user-h">新建用户</h2>
        <form className="admin-form" onSubmit={create}>
          <label>
            邮箱 <input name="email" type="email" required />
          </label>
          <label>
            姓名 <input name="name" required />
          </label>
          <label>
            角色
            <select name="role" defaultValue="supervisor">
              <option value="supervisor">监督员</option>
              <option value="admin">管理员</option>
            </select>
          </label>
          <label>
            地区代码 <input name="regionCode" placeholder="如 231000" pattern="\d{6}" />
          </label>
          <label className="checkbox">
            <input name="canExport" type="checkbox" defaultChecked /> 可导出
          </label>
          <button type="submit" className="tool-button">
            创建
          </button>
        </form>
      </section>
      <section className="card" aria-labelledby="users-h">
        <h2 id="users-h">用户（{users.length}）</h2>
        <ScrollTable headers={["邮箱", "姓名", "角色", "可见范围", "导出", "状态", "创建日期", "操作"]}>
          {users.map((u) => (
            <tr key={u.id} data-email={u.email}>
              <td>{u.email}</td>
              <td>{u.name}</td>
              <td>{u.roleName}</td>
              <td>{u.scopeName}</td>
              <td>{u.canExport ? "可导出" : "不可导出"}</td>
              <td>{u.disabled ? "已停用" : "启用"}</td>
              <td>{u.createdAt}</td>
              <td className="row-actions">
                {u.isSelf ? null : (
                  <button
                    type="button"
                    className="tool-button"
                    onClick={() =>
                      run(async () => {
                        await patch(u, { action: u.disabled ? "enable" : "disable" });
                        return u.disabled ? `已启用 ${u.email}` : `已停用 ${u.email}，其会话已结束`;
                      })
                    }
                  >
                    {u.disabled ? "启用" : "停用"}
                  </button>
                )}
                <button
                  type="button"
                  className="tool-button"
                  onClick={() =>
                    run(async () => {
                      const data = await patch(u, { action: "reset-password" });
                      return `已重置 ${u.email} 的密码，新密码（仅显示这一次）：${data.password}`;
                    })
                  }
                >
                  重置密码
                </button>
                {u.role === "supervisor" ? (
                  <>
                    <button
                      type="button"
                      className="tool-button"
                      onClick={() =>
                        run(async () => {
                          await patch(u, { action: "update", canExport: !u.canExport });
                          return `已${u.canExport ? "取消" : "授予"} ${u.email} 的导出权限`;
                        })
                      }
                    >
                      {u.canExport ? "取消导出权" : "授予导出权"}
                    </button>
                    <button
                      type="button"
                      className="tool-button"
                      onClick={() => {
                        const code = window.prompt("新的地区代码（6 位）", u.regionCode ?? "");
                        if (code)
                          run(async () => {
                            await patch(u, { action: "update", regionCode: code });
                            return `已把 ${u.email} 的地区改为 ${code}`;
                          });
                      }}
                    >
                      改地区
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </ScrollTable>
      </section>
    </>
  );
}
