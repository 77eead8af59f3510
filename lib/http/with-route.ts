import "server-only";
import { NextResponse } from "next/server";
import { ZodError, z } from "zod";
import { type Db, getDb } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/errors";
import { type AuditEntry, clientIp, recordAudit } from "@/lib/auth/audit";
import { hasPermission, type Permission, type Role, type SessionUser, scopeOfUser } from "@/lib/auth/roles";
import type { Scope } from "@/lib/auth/scope";
import { readSessionUser } from "@/lib/auth/session";
import { listTrustedOrigins } from "@/lib/http/origin";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type RouteOptions<S extends z.ZodType> = {
  query?: S;
  /** Reachable without signing in (health, the sign-in endpoints). Everything else requires a session. */
  public?: boolean;
  role?: Role;
  permission?: Permission;
};

type Context<Q, Public> = {
  request: Request;
  query: Q;
  db: Db;
  user: Public extends true ? SessionUser | null : SessionUser;
  /** The data the user may see, from the session (never from the request). */
  scope: Scope;
  /** Records an audit-log entry as the current user. */
  audit: (entry: Omit<AuditEntry, "actor" | "ipAddress">) => Promise<void>;
};

function errorResponse(status: number, code: string, message: string, detail?: unknown) {
  return NextResponse.json({ error: { code, message, ...(detail ? { detail } : {}) } }, { status });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery check for state changes (the Fetch-Metadata/Origin scheme): a browser always sends
 * Sec-Fetch-Site or Origin, and it must be our own origin; a request with neither comes from no browser.
 */
export function isCrossSiteRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null" && listTrustedOrigins(request).includes(origin)) return false;
  const site = request.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  return origin !== null;
}

/**
 * Every route handler goes through here: deny by default (a session is required unless `public`), the scope from
 * the session, role and permission checks, a cross-site check on state changes, zod-parsed query, typed errors → HTTP.
 */
export function withRoute<
  S extends z.ZodType = z.ZodObject<Record<string, never>>,
  O extends RouteOptions<S> = RouteOptions<S>,
>(options: O & RouteOptions<S>, handler: (ctx: Context<z.infer<S>, O["public"]>) => Promise<Response | unknown>) {
  return async (request: Request): Promise<Response> => {
    try {
      if (isCrossSiteRequest(request)) {
        return errorResponse(403, "CROSS_SITE_REQUEST", "请求来源校验失败：不接受来自其他网站的修改请求。");
      }
      const params = Object.fromEntries(new URL(request.url).searchParams);
      const db = await getDb();
      const user = await readSessionUser(db, request.headers);
      if (!user && !options.public) return errorResponse(401, "UNAUTHENTICATED", "请先登录");
      if (user && options.role && user.role !== options.role) {
        return errorResponse(403, "FORBIDDEN", "没有权限：此操作仅限管理员。");
      }
      if (user && options.permission && !hasPermission(user, options.permission)) {
        return errorResponse(403, "FORBIDDEN", "没有权限：您的账号没有导出数据的权限，请联系管理员。");
      }
      if (!user && (options.role || options.permission)) return errorResponse(401, "UNAUTHENTICATED", "请先登录");
      const query = (options.query ?? z.object({})).parse(params) as z.infer<S>;
      const scope: Scope = user ? scopeOfUser(user) : { regionCodes: [] };
      const audit = (entry: Omit<AuditEntry, "actor" | "ipAddress">) =>
        recordAudit(db, {
          ...entry,
          actor: user ? { id: user.id, email: user.email } : null,
          ipAddress: clientIp(request),
        });
      const result = await handler({ request, query, db, user: user as SessionUser, scope, audit });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      if (error instanceof ZodError) {
        return errorResponse(400, "INVALID_INPUT", `请求参数有误：${error.issues.map((i) => i.message).join("；")}`);
      }
      if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
      if (error instanceof DatabaseUnavailableError) return errorResponse(503, error.code, error.message);
      console.error(error);
      return errorResponse(500, "INTERNAL_ERROR", "服务器内部错误，请稍后重试。");
    }
  };
}
