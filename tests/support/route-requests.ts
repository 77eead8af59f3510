export const BASE = "http://ogi.test";

let ipCounter = 0;
/** A browser-like same-origin request; each test client gets its own address so the per-IP limiter stays out of the way. */
export function req(url: string, init: RequestInit & { cookie?: string; origin?: string | null; site?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  const method = init.method ?? "GET";
  if (method !== "GET" && init.origin !== null) headers.set("origin", init.origin ?? BASE);
  if (init.site) headers.set("sec-fetch-site", init.site);
  headers.set("host", "ogi.test");
  if (!headers.has("x-ogi-client-address")) headers.set("x-ogi-client-address", `10.0.0.${(ipCounter++ % 250) + 1}`);
  return new Request(`${BASE}${url}`, { ...init, method, headers });
}

/** The second argument Next passes a dynamic route handler. */
export const params = <T>(value: T) => ({ params: Promise.resolve(value) });

/** The session cookie a sign-in response sets, as a Cookie header. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
