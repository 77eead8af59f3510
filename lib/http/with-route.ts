import "server-only";
import { NextResponse } from "next/server";
import { ZodError, z } from "zod";
import { type Db, getDb } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/errors";
import { type AuditEntry, clientIp, recordAudit } from "@/lib/auth/audit";
import {
  assertPermission,
  assertRole,
  type Permission,
  type Role,
  type SessionUser,
  scopeOfUser,
} from "@/lib/auth/roles";
import type { Scope } from "@/lib/auth/scope";
import { readSessionUser } from "@/lib/auth/session";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  TimedOutError,
  TooLargeError,
  UnavailableError,
} from "@/lib/errors";
import { hasControlCharacter } from "@/lib/http/control-characters";
import { describeInputIssues } from "@/lib/http/describe-input-issues";
import { listTrustedOrigins } from "@/lib/http/origin";

/** A failure that only makes sense in HTTP terms (an upload too large, a body that is no JSON). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type EmptySchema = z.ZodObject<Record<string, never>>;

export type RouteOptions<Q extends z.ZodType, P extends z.ZodType> = {
  query?: Q;
  /** The path's dynamic segments (Next's `context.params`), checked after the session like the query. */
  params?: P;
  /** Reachable without signing in (health, the sign-in endpoints). Everything else requires a session. */
  public?: boolean;
  role?: Role;
  permission?: Permission;
};

type Context<Q, P, Public> = {
  request: Request;
  query: Q;
  params: P;
  db: Db;
  user: Public extends true ? SessionUser | null : SessionUser;
  /** The data the user may see, from the session (never from the request). */
  scope: Scope;
  /** Records an audit-log entry as the current user. */
  audit: (entry: Omit<AuditEntry, "actor" | "ipAddress">) => Promise<void>;
};

/** The second argument Next passes a route handler; absent when a test or another handler calls it directly. */
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

function errorResponse(status: number, code: string, message: string) {
  return NextResponse.json({ error: { code, message } }, { status });
}

function statusOf(error: DomainError): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof ConflictError) return 409;
  if (error instanceof TooLargeError) return 413;
  if (error instanceof UnavailableError) return 503;
  if (error instanceof TimedOutError) return 504;
  return 400;
}

/** No parameter of ours holds control characters; PostgreSQL refuses U+0000 in any text it is given. */
function hasControlCharacters(values: Record<string, unknown>): boolean {
  return Object.entries(values).some(
    ([k, v]) => hasControlCharacter(k) || (typeof v === "string" && hasControlCharacter(v)),
  );
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
 * the session, role and permission checks, a cross-site check on state changes, zod-parsed query and path params,
 * domain errors (lib/errors.ts) and HTTP errors → their status with a Chinese message.
 */
export function withRoute<
  Q extends z.ZodType = EmptySchema,
  P extends z.ZodType = EmptySchema,
  O extends RouteOptions<Q, P> = RouteOptions<Q, P>,
>(
  options: O & RouteOptions<Q, P>,
  handler: (ctx: Context<z.infer<Q>, z.infer<P>, O["public"]>) => Promise<Response | unknown>,
) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      if (isCrossSiteRequest(request)) {
        return errorResponse(403, "CROSS_SITE_REQUEST", "请求来源校验失败：不接受来自其他网站的修改请求。");
      }
      const search = Object.fromEntries(new URL(request.url).searchParams);
      const db = await getDb();
      const user = await readSessionUser(db, request.headers);
      if (!user && !options.public) return errorResponse(401, "UNAUTHENTICATED", "请先登录");
      if (user && options.role) assertRole(user, options.role);
      if (user && options.permission) assertPermission(user, options.permission);
      if (!user && (options.role || options.permission)) return errorResponse(401, "UNAUTHENTICATED", "请先登录");
      const rawParams = (await context?.params) ?? {};
      if (hasControlCharacters(search) || hasControlCharacters(rawParams)) {
        return errorResponse(400, "INVALID_INPUT", "请求参数有误：含有不可见的控制字符。");
      }
      const query = (options.query ?? z.object({})).parse(search) as z.infer<Q>;
      const params = (options.params ?? z.object({})).parse(rawParams) as z.infer<P>;
      const scope: Scope = user ? scopeOfUser(user) : { regionCodes: [] };
      const audit = (entry: Omit<AuditEntry, "actor" | "ipAddress">) =>
        recordAudit(db, {
          ...entry,
          actor: user ? { id: user.id, email: user.email } : null,
          ipAddress: clientIp(request),
        });
      const result = await handler({ request, query, params, db, user: user as SessionUser, scope, audit });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      if (error instanceof ZodError) {
        return errorResponse(400, "INVALID_INPUT", `请求参数有误：${describeInputIssues(error.issues)}`);
      }
      if (error instanceof DomainError) return errorResponse(statusOf(error), error.code, error.message);
      if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
      if (error instanceof DatabaseUnavailableError) return errorResponse(503, error.code, error.message);
      console.error(error);
      return errorResponse(500, "INTERNAL_ERROR", "服务器内部错误，请稍后重试。");
    }
  };
}
