import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { buildPageCsp } from "@/lib/http/security-headers.js";

/**
 * Pages only (see `matcher`): a per-request CSP nonce, and signed-out visitors sent to the sign-in page. Only the
 * cookie's presence is checked here; pages check the session itself (`requireSession`), API routes in `withRoute`.
 */
export function proxy(request: NextRequest) {
  const isLogin = request.nextUrl.pathname === "/login";
  if (!isLogin && !getSessionCookie(request)) {
    const target = new URL("/login", request.url);
    const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    if (back !== "/") target.searchParams.set("next", back);
    return NextResponse.redirect(target);
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = buildPageCsp(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon\\.ico|robots\\.txt).*)"],
};
