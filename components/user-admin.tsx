"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { OneTimePassword } from "./one-time-password";
import { ScrollTable } from "./scroll-table";
import { CreateUserForm, type EditableUser, EditUserDialog, sendJson, type UserRole } from "./user-form";

export type AdminUserRow = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  roleName: string;
  regionCode: string | null;
  /** The region's full name from the province down ("黑龙江省 › 哈尔滨市 › 南岗区"). */
  regionLabel: string | null;
  scopeName: string;
  canExport: boolean;
  disabled: boolean;
  createdAt: string;
  isSelf: boolean;
};

type Message = { kind: "ok" | "error"; text: string };
type Secret = { title: string; email: string; password: string };

/** The new-user form and the user table with its actions; a new or reset password is shown once, here. */
export function UserAdmin({ users }: { users: AdminUserRow[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [editing, setEditing] = useState<EditableUser | null>(null);

  async function run(action: () => Promise<string>) {
    setMessage(null);
    try {
      setMessage({ kind: "ok", text: await action() });
      router.refresh();
    } catch (error) {
      setMessage({ kind: "error", text: error instanceof Error ? error.message : String(error) });
    }
  }

  const patch = (u: AdminUserRow, body: Record<string, unknown>) => sendJson(`/api/admin/users/${u.id}`, "PATCH", body);

  return (
    <>
      {secret ? <OneTimePassword {...secret} onDismiss={() => setSecret(null)} /> : null}
      <section className="card" aria-labelledby="new-user-h">
        <h2 id="new-user-h">新建用户</h2>
        <CreateUserForm
          onCreated={(email, password) => {
            setMessage(null);
            setSecret({ title: `已创建用户 ${email}`, email, password });
            router.refresh();
          }}
        />
      </section>
      <section className="card" aria-labelledby="users-h">
        <h2 id="users-h">用户（{users.length}）</h2>
        {message ? (
          <p
            className={message.kind === "ok" ? "notice" : "form-error"}
            role={message.kind === "ok" ? "status" : "alert"}
          >
            {message.text}
          </p>
        ) : null}
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
                {u.isSelf ? (
                  <a className="tool-button" href="/account">
                    我的账号
                  </a>
                ) : (
                  <>
                    <button
                      type="button"
                      className="tool-button"
                      aria-label={`编辑 ${u.email}`}
                      onClick={() => {
                        setMessage(null);
                        setEditing({ ...u });
                      }}
                    >
                      编辑
                    </button>
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
                    <button
                      type="button"
                      className="tool-button"
                      onClick={() =>
                        run(async () => {
                          const data = await patch(u, { action: "reset-password" });
                          setSecret({ title: `已重置 ${u.email} 的密码`, email: u.email, password: data.password });
                          return `已重置 ${u.email} 的密码，其会话已结束`;
                        })
                      }
                    >
                      重置密码
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      </section>
      {editing ? (
        <EditUserDialog
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setMessage({ kind: "ok", text });
            router.refresh();
          }}
        />
      ) : null}
    </>
  );
}
