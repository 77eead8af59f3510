import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { authUsers } from "@/db/schema";
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

export function parseUserInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserInputError(parsed.error.issues.map((i) => i.message).join("；"));
  return parsed.data;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(authUsers).where(eq(authUsers.email, email.toLowerCase()));
  return row ?? null;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(authUsers).where(eq(authUsers.id, id));
  return row ?? null;
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

export async function countAdmins(db: Db): Promise<number> {
  const rows = await db
    .select({ id: authUsers.id })
    .from(authUsers)
    .where(and(eq(authUsers.role, "admin"), eq(authUsers.disabled, false)));
  return rows.length;
}
