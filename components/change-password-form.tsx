"use client";

import { useState } from "react";

type Status = { kind: "idle" | "pending" } | { kind: "error"; message: string } | { kind: "done" };

/** The signed-in user's own password: current one, new one twice; other sessions are signed out. */
export function ChangePasswordForm() {
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setStatus({ kind: "error", message: "两次输入的新密码不一致。" });
      return;
    }
    setStatus({ kind: "pending" });
    try {
      const response = await fetch("/api/auth/change-password", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ currentPassword: form.get("currentPassword"), newPassword, revokeOtherSessions: true }),
      });
      if (response.ok) {
        formElement.reset();
        setStatus({ kind: "done" });
        return;
      }
      const body = await response.json().catch(() => null);
      setStatus({ kind: "error", message: body?.error?.message ?? "修改密码失败，请稍后重试。" });
    } catch {
      setStatus({ kind: "error", message: "无法连接服务器，请检查网络后重试。" });
    }
  }

  return (
    <form className="login-form" onSubmit={submit} noValidate>
      <label>
        当前密码
        <input name="currentPassword" type="password" autoComplete="current-password" required />
      </label>
      <label>
        新密码（至少 10 个字符）
        <input name="newPassword" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <label>
        再次输入新密码
        <input name="confirmPassword" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      {status.kind === "error" ? (
        <p className="form-error" role="alert">
          {status.message}
        </p>
      ) : null}
      {status.kind === "done" ? (
        <p className="notice" role="status">
          密码已修改。其他设备上的登录已退出。
        </p>
      ) : null}
      <button type="submit" className="primary-button" disabled={status.kind === "pending"}>
        {status.kind === "pending" ? "正在保存…" : "修改密码"}
      </button>
    </form>
  );
}
