import "server-only";

/** Origins allowed to change state: the request's own host (as the browser addressed it) and configured ones. */
export function listTrustedOrigins(request: Request): string[] {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const list = [new URL(request.url).origin];
  if (host) list.push(`http://${host}`, `https://${host}`);
  for (const o of [process.env.BETTER_AUTH_URL, ...(process.env.OGI_TRUSTED_ORIGINS ?? "").split(",")])
    if (o?.trim()) list.push(new URL(o.trim()).origin);
  return list;
}
