import "server-only";
import { asc } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { authUsers } from "@/db/schema";
import type { UserRow } from "./users";

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db
    .select({
      id: authUsers.id,
      email: authUsers.email,
      name: authUsers.name,
      role: authUsers.role,
      regionCode: authUsers.regionCode,
      canExport: authUsers.canExport,
      disabled: authUsers.disabled,
      createdAt: authUsers.createdAt,
    })
    .from(authUsers)
    .orderBy(asc(authUsers.createdAt));
}

/** Every user, oldest first, for the user-administration page. */
export async function loadUsers(): Promise<UserRow[]> {
  return listUsers(await getDb());
}
