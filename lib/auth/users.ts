import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { authAccounts, authSessions, authUsers } from "@/db/schema";
import { InvalidInputError } from "@/lib/errors";
import { findRegionByCode } from "@/lib/regions";
import { ROLES } from "./roles";

/** A user's fields break a rule (form, duplicate, missing region): shown to the administrator as it is. */
export class UserInputError extends InvalidInputError {}

const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A random 20-character password without look-alike characters (about 117 bits). */
export function generatePassword(length = 20): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  for (const b of bytes) {
    if (b >= 4 * PASSWORD_ALPHABET.length) continue;
    out += PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : generatePassword(length);
}

export const passwordSchema = z
  .string()
  .min(10, { message: "密码至少 10 个字符" })
  .max(128, { message: "密码最多 128 个字符" });

export const newUserSchema = z
  .object({
    email: z.email({ message: "邮箱格式有误" }).transform((e) => e.toLowerCase()),
    name: z.string().trim().min(1, { message: "请填写姓名" }).max(64),
    role: z.enum(ROLES, { message: "角色只能为 admin 或 supervisor" }),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, { message: "地区代码应为 6 位数字" })
      .refine((c) => Boolean(findRegionByCode(c)), { message: "没有这个地区代码" })
      .nullish(),
    canExport: z.boolean().default(true),
    password: passwordSchema.optional(),
  })
  .refine((u) => u.role === "admin" || Boolean(u.regionCode), { message: "监督员必须指定地区", path: ["regionCode"] });

export type NewUser = z.input<typeof newUserSchema>;

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  regionCode: string | null;
  canExport: boolean;
  disabled: boolean;
  createdAt: Date;
};

function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserInputError(parsed.error.issues.map((i) => i.message).join("；"));
  return parsed.data;
}

/** Creates a user with a credential account; returns the user and the password (generated when none is given). */
export async function createUser(db: Db, input: NewUser): Promise<{ user: UserRow; password: string }> {
  const data = parseInput(newUserSchema, input);
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

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(authUsers).where(eq(authUsers.email, email.toLowerCase()));
  return row ?? null;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(authUsers).where(eq(authUsers.id, id));
  return row ?? null;
}

/** Ends every session of the user (sign-out everywhere). */
export async function revokeSessions(db: Db, userId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.userId, userId));
}

export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await db.update(authUsers).set({ disabled, updatedAt: new Date() }).where(eq(authUsers.id, userId));
  if (disabled) await revokeSessions(db, userId);
}

export const userChangeSchema = z.object({
  name: z.string().trim().min(1).max(64).optional(),
  role: z.enum(ROLES).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, { message: "地区代码应为 6 位数字" })
    .refine((c) => Boolean(findRegionByCode(c)), { message: "没有这个地区代码" })
    .nullish(),
  canExport: z.boolean().optional(),
});

/** Changes role, region or export right; the user's sessions end so the new scope applies from the next sign-in. */
export async function updateUser(db: Db, userId: string, change: z.input<typeof userChangeSchema>): Promise<UserRow> {
  const data = parseInput(userChangeSchema, change);
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

/** Sets a new password (generated when none is given) and ends the user's sessions. */
export async function resetPassword(db: Db, userId: string, password?: string): Promise<string> {
  const next = password === undefined ? generatePassword() : parseInput(passwordSchema, password);
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

export async function countAdmins(db: Db): Promise<number> {
  const rows = await db
    .select({ id: authUsers.id })
    .from(authUsers)
    .where(and(eq(authUsers.role, "admin"), eq(authUsers.disabled, false)));
  return rows.length;
}
