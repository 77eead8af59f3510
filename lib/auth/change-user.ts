import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { ConflictError, requireFound } from "@/lib/errors";
import type { AuditEntry } from "./audit";
import { resetPassword } from "./reset-password";
import type { SessionUser } from "./roles";
import { setUserDisabled } from "./set-user-disabled";
import { updateUser } from "./update-user";
import { countAdmins, findUserById, type UserRow, userChangeSchema } from "./users";

/** What an administrator may do to one user (the admin page's buttons and form). */
export const userChangeRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("disable") }),
  z.object({ action: z.literal("enable") }),
  z.object({ action: z.literal("reset-password"), password: z.string().optional() }),
  z.object({ action: z.literal("update") }).extend(userChangeSchema.shape),
]);
export type UserChangeRequest = z.infer<typeof userChangeRequestSchema>;

export type UserChangeResult = {
  user: UserRow | null;
  /** The new password, shown once (reset only). */
  password?: string;
  audit: Omit<AuditEntry, "actor" | "ipAddress">;
};

/**
 * Applies one change to a user. Refused when it would leave no enabled administrator, or take the acting
 * administrator's own rights away (ConflictError); NotFoundError for an unknown user.
 */
export async function changeUser(
  db: Db,
  actor: SessionUser,
  userId: string,
  change: UserChangeRequest,
): Promise<UserChangeResult> {
  const target = requireFound(await findUserById(db, userId), "没有这个用户。");
  const losesAdmin =
    target.role === "admin" &&
    !target.disabled &&
    (change.action === "disable" || (change.action === "update" && change.role === "supervisor"));
  if (losesAdmin && target.id === actor.id) {
    throw new ConflictError("SELF_LOCKOUT", "不能停用或降级自己的管理员账号。");
  }
  if (losesAdmin && (await countAdmins(db)) <= 1) {
    throw new ConflictError("LAST_ADMIN", "至少要保留一个启用的管理员。");
  }
  if (change.action === "disable" || change.action === "enable") {
    await setUserDisabled(db, userId, change.action === "disable");
    return {
      user: await findUserById(db, userId),
      audit: { action: change.action === "disable" ? "user.disable" : "user.enable", target: target.email },
    };
  }
  if (change.action === "reset-password") {
    const password = await resetPassword(db, userId, change.password);
    return { user: target, password, audit: { action: "user.reset-password", target: target.email } };
  }
  const { action: _action, ...fields } = change;
  const updated = await updateUser(db, userId, fields);
  return { user: updated, audit: { action: "user.update", target: target.email, filters: fields } };
}
