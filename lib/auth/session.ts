import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { type Db, getDb } from "@/db/client";
import type { Scope } from "@/lib/auth/scope";
import { getAuthFor } from "./auth";
import { ROLES, type Role, type SessionUser, scopeOfUser } from "./roles";

/** The signed-in, enabled user of a request, or null. Role and region come from the database row, never the request. */
export async function readSessionUser(db: Db, requestHeaders: Headers): Promise<SessionUser | null> {
  const auth = await getAuthFor(db);
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const u = session.user as typeof session.user & Record<string, unknown>;
  if (u.disabled === true || !ROLES.includes(u.role as Role)) return null;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    regionCode: typeof u.regionCode === "string" ? u.regionCode : null,
    canExport: u.canExport !== false,
  };
}

// One session lookup per server render: the layout, a page and its metadata all ask. Headers come first: reading
// them marks the page dynamic, so a build never prerenders it (nor opens the database).
const readRequestUser = cache(async () => {
  const requestHeaders = await headers();
  return readSessionUser(await getDb(), requestHeaders);
});

/** For pages: the current user and scope; signed-out visitors go to the sign-in page. */
export async function requireSession(options: { role?: Role } = {}): Promise<{ user: SessionUser; scope: Scope }> {
  const user = await readRequestUser();
  if (!user) redirect("/login");
  if (options.role && user.role !== options.role) redirect("/forbidden");
  return { user, scope: scopeOfUser(user) };
}

/** For the layout: the current user if any, without redirecting. */
export async function findSessionUser(): Promise<SessionUser | null> {
  try {
    return await readRequestUser();
  } catch {
    return null;
  }
}
