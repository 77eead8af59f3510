import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";

/**
 * Sends signed-out visitors of a page to the sign-in page. Only the cookie's presence is checked here; pages check
 * the session itself (`requireSession`) and API routes answer 401 through `withRoute`.
 */
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const target = new URL("/login", request.url);
  const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (back !== "/") target.searchParams.set("next", back);
  return NextResponse.redirect(target);
}

export const config = {
  matcher: ["/((?!api/|_next/|login|favicon\\.ico|robots\\.txt).*)"],
};
