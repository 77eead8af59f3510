import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { authUsers } from "@/db/schema";
import { revokeSessions } from "./revoke-sessions";
import { findUserById, parseUserInput, UserInputError, type UserRow, userChangeSchema } from "./users";

/** Changes role, region or export right; the user's sessions end so the new scope applies from the next sign-in. */
export async function updateUser(db: Db, userId: string, change: z.input<typeof userChangeSchema>): Promise<UserRow> {
  const data = parseUserInput(userChangeSchema, change);
  const current = await findUserById(db, userId);
  if (!current) throw new UserInputError("没有这个用户");
  const role = data.role ?? current.role;
  const regionCode = role === "admin" ? null : data.regionCode !== undefined ? data.regionCode : current.regionCode;
  if (role !== "admin" && !regionCode) throw new UserInputError("监督员必须指定地区");
  const [row] = await db
    .update(authUsers)
    .set({
      name: data.name ?? current.name,
      role,
      regionCode,
      canExport: role === "admin" ? true : (data.canExport ?? current.canExport),
      updatedAt: new Date(),
    })
    .where(eq(authUsers.id, userId))
    .returning();
  await revokeSessions(db, userId);
  return row;
}
