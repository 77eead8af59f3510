import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/change-password-form";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "我的账号 · 政府信息公开年报看板" };
export const dynamic = "force-dynamic";

/** The signed-in user's own account: who they are, and a new password (the first one is a one-time password). */
export default async function AccountPage() {
  const { user } = await requireSession();
  return (
    <div className="login-page">
      <section className="card login-card" aria-labelledby="account-h">
        <h1 id="account-h">我的账号</h1>
        <p className="muted">
          {user.name}（{user.email}）
        </p>
        <h2>修改密码</h2>
        <p className="muted">管理员创建账号或重置密码时给出的是一次性密码，请在首次登录后修改。</p>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
