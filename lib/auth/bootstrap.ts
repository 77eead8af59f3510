import "server-only";
import type { Db } from "@/db/client";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { resetPassword } from "./reset-password";
import { findUserByEmail } from "./users";

export const FIRST_ADMIN_EMAIL = "admin@ogi.local";

/** On a database without users: creates the first administrator and returns its one-time password (else null). */
export async function ensureFirstAdmin(
  db: Db,
  email = FIRST_ADMIN_EMAIL,
): Promise<{ email: string; password: string } | null> {
  if ((await listUsers(db)).length > 0) return null;
  const { user, password } = await createUser(db, { email, name: "管理员", role: "admin" });
  return { email: user.email, password };
}

/** The end-to-end test accounts, with the password the Playwright config passes in (created or reset). */
export async function ensureTestAccounts(db: Db, password: string): Promise<void> {
  const accounts = [
    { email: "e2e-admin@ogi.local", name: "测试管理员", role: "admin" as const },
    { email: "e2e-mudanjiang@ogi.local", name: "牡丹江监督员", role: "supervisor" as const, regionCode: "231000" },
    {
      email: "e2e-noexport@ogi.local",
      name: "牡丹江只读",
      role: "supervisor" as const,
      regionCode: "231000",
      canExport: false,
    },
  ];
  for (const account of accounts) {
    const existing = await findUserByEmail(db, account.email);
    if (existing) await resetPassword(db, existing.id, password);
    else await createUser(db, { ...account, password });
  }
}
