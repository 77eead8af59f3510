import "server-only";
import { NextResponse } from "next/server";
import type { Db } from "@/db/client";
import { clientIp, countRecentFailures, MAX_FAILED_SIGN_INS, recordAudit } from "./audit";
import { getAuthFor } from "./auth";
import { findUserByEmail } from "./users";

/** The better-auth endpoints the app uses; every other one (sign-up, email change, account deletion…) answers 404. */
const ALLOWED = new Set([
  "POST /sign-in/email",
  "POST /sign-out",
  "GET /get-session",
  "POST /change-password",
  "GET /list-sessions",
  "POST /revoke-other-sessions",
]);

const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "邮箱或密码错误。",
  INVALID_EMAIL: "邮箱格式有误。",
  INVALID_PASSWORD: "当前密码错误。",
  PASSWORD_TOO_SHORT: "新密码至少 10 个字符。",
  PASSWORD_TOO_LONG: "新密码过长。",
  INVALID_ORIGIN: "请求来源校验失败。",
  MISSING_OR_NULL_ORIGIN: "请求来源校验失败。",
  CROSS_SITE_NAVIGATION_LOGIN_BLOCKED: "请求来源校验失败。",
};

/** better-auth's own codes we have no wording for, by status: what the user should read. */
const STATUS_MESSAGES: Record<number, string> = {
  401: "未登录，请先登录。",
  403: "请求被拒绝。",
  404: "没有这个登录服务接口。",
};

function fail(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: { code, message }, code, message }, { status, headers });
}

const lockedMessage = (seconds: number) =>
  `登录失败次数过多，账号已暂时锁定，请 ${Math.ceil(seconds / 60)} 分钟后再试。`;

/** Hands a request to better-auth: allow-listed paths, per-account lockout, Chinese messages, sign-ins audited. */
export async function handleAuthRequest(db: Db, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/api\/auth/, "") || "/";
  if (!ALLOWED.has(`${request.method} ${path}`)) return fail(404, "NOT_FOUND", "没有这个接口。");
  const auth = await getAuthFor(db);
  const ip = clientIp(request);

  let email: string | null = null;
  if (path === "/sign-in/email") {
    const body = (await request
      .clone()
      .json()
      .catch(() => null)) as { email?: unknown } | null;
    email = typeof body?.email === "string" ? body.email.trim().toLowerCase() : null;
    if (email) {
      const { failures, retryAfterSeconds } = await countRecentFailures(db, email);
      if (failures >= MAX_FAILED_SIGN_INS) {
        await recordAudit(db, { actor: null, action: "sign-in.locked", target: email, ipAddress: ip });
        return fail(429, "TOO_MANY_ATTEMPTS", lockedMessage(retryAfterSeconds), {
          "Retry-After": String(retryAfterSeconds),
        });
      }
      const user = await findUserByEmail(db, email);
      if (user?.disabled) {
        await recordAudit(db, {
          actor: { id: user.id, email },
          action: "sign-in.failed",
          target: email,
          ipAddress: ip,
        });
        return fail(403, "ACCOUNT_DISABLED", "该账号已停用，请联系管理员。");
      }
    }
  }

  const signOutUser = path === "/sign-out" ? await auth.api.getSession({ headers: request.headers }) : null;
  const passwordUser = path === "/change-password" ? await auth.api.getSession({ headers: request.headers }) : null;
  const response = await auth.handler(request);

  if (path === "/sign-in/email" && email) {
    if (response.ok) {
      const user = await findUserByEmail(db, email);
      await recordAudit(db, {
        actor: user ? { id: user.id, email } : null,
        action: "sign-in",
        target: email,
        ipAddress: ip,
      });
    } else if (response.status === 401) {
      await recordAudit(db, { actor: null, action: "sign-in.failed", target: email, ipAddress: ip });
    }
  }
  if (signOutUser && response.ok) {
    const { id, email: who } = signOutUser.user;
    await recordAudit(db, { actor: { id, email: who }, action: "sign-out", target: who, ipAddress: ip });
  }
  if (passwordUser && response.ok) {
    const { id, email: who } = passwordUser.user;
    await recordAudit(db, { actor: { id, email: who }, action: "user.change-password", target: who, ipAddress: ip });
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get("x-retry-after") ?? 60);
    return fail(429, "TOO_MANY_REQUESTS", `登录尝试过于频繁，请 ${seconds} 秒后再试。`, {
      "Retry-After": String(seconds),
    });
  }
  if (!response.ok && response.headers.get("content-type")?.includes("json")) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { code?: string; message?: string } | null;
    const code = body?.code ?? "AUTH_ERROR";
    const message = MESSAGES[code] ?? STATUS_MESSAGES[response.status] ?? "登录服务出错，请稍后重试。";
    const headers = new Headers(response.headers);
    headers.set("content-type", "application/json");
    headers.delete("content-length");
    return new Response(JSON.stringify({ error: { code, message }, code, message }), {
      status: response.status,
      headers,
    });
  }
  return response;
}
