import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authUsers } from "@/db/schema";
import { revokeSessions } from "./revoke-sessions";

/** Disables (ending every session at once) or enables a user. */
export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await db.update(authUsers).set({ disabled, updatedAt: new Date() }).where(eq(authUsers.id, userId));
  if (disabled) await revokeSessions(db, userId);
}
