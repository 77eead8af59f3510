import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authAccounts } from "@/db/schema";
import { revokeSessions } from "./revoke-sessions";
import { generatePassword, parseUserInput, passwordSchema } from "./users";

/** Sets a new password (generated when none is given) and ends the user's sessions. */
export async function resetPassword(db: Db, userId: string, password?: string): Promise<string> {
  const next = password === undefined ? generatePassword() : parseUserInput(passwordSchema, password);
  const hash = await hashPassword(next);
  const updated = await db
    .update(authAccounts)
    .set({ password: hash, updatedAt: new Date() })
    .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, "credential")))
    .returning({ id: authAccounts.id });
  if (updated.length === 0) {
    await db
      .insert(authAccounts)
      .values({ id: randomUUID(), accountId: userId, providerId: "credential", userId, password: hash });
  }
  await revokeSessions(db, userId);
  return next;
}
