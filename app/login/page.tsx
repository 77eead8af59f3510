import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { findSessionUser } from "@/lib/auth/session";
import { toSafeRedirectPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "登录 · 政府信息公开年报看板" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const next = toSafeRedirectPath((await searchParams).next);
  if (await findSessionUser()) redirect(next);
  return (
    <div className="login-page">
      <section className="card login-card" aria-labelledby="login-h">
        <h1 id="login-h">登录</h1>
        <p className="muted">请使用管理员为您开设的账号登录。</p>
        <LoginForm next={next} />
      </section>
    </div>
  );
}
