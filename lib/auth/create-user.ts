import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authAccounts, authUsers } from "@/db/schema";
import { generatePassword, type NewUser, newUserSchema, parseUserInput, UserInputError, type UserRow } from "./users";

/** Creates a user with a credential account; returns the user and the password (generated when none is given). */
export async function createUser(db: Db, input: NewUser): Promise<{ user: UserRow; password: string }> {
  const data = parseUserInput(newUserSchema, input);
  const [existing] = await db.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.email, data.email));
  if (existing) throw new UserInputError(`用户 ${data.email} 已存在`);
  const password = data.password ?? generatePassword();
  const hash = await hashPassword(password);
  const id = randomUUID();
  const user = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(authUsers)
      .values({
        id,
        email: data.email,
        name: data.name,
        role: data.role,
        regionCode: data.role === "admin" ? null : (data.regionCode ?? null),
        canExport: data.role === "admin" ? true : data.canExport,
      })
      .returning();
    await tx
      .insert(authAccounts)
      .values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash });
    return row;
  });
  return { user, password };
}
