import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authSessions } from "@/db/schema";

/** Ends every session of the user (sign-out everywhere). */
export async function revokeSessions(db: Db, userId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.userId, userId));
}
