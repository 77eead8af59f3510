import { z } from "zod";
import {
  countAdmins,
  findUserById,
  resetPassword,
  setUserDisabled,
  UserInputError,
  updateUser,
  userChangeSchema,
} from "@/lib/auth/users";
import { HttpError, withRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

const changeSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("disable") }),
  z.object({ action: z.literal("enable") }),
  z.object({ action: z.literal("reset-password"), password: z.string().optional() }),
  z.object({ action: z.literal("update") }).extend(userChangeSchema.shape),
]);

/** Disable, enable, reset the password of, or change the role/region/export right of one user. */
export async function PATCH(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return withRoute({ role: "admin" }, async ({ db, user, audit }) => {
    const parsed = changeSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success)
      throw new HttpError(
        400,
        "INVALID_INPUT",
        "请求内容有误：action 应为 disable、enable、reset-password 或 update。",
      );
    const target = await findUserById(db, id);
    if (!target) throw new HttpError(404, "NOT_FOUND", "没有这个用户。");
    const change = parsed.data;
    const losesAdmin =
      target.role === "admin" &&
      !target.disabled &&
      (change.action === "disable" || (change.action === "update" && change.role === "supervisor"));
    if (losesAdmin && target.id === user.id)
      throw new HttpError(409, "SELF_LOCKOUT", "不能停用或降级自己的管理员账号。");
    if (losesAdmin && (await countAdmins(db)) <= 1)
      throw new HttpError(409, "LAST_ADMIN", "至少要保留一个启用的管理员。");
    try {
      if (change.action === "disable" || change.action === "enable") {
        await setUserDisabled(db, id, change.action === "disable");
        await audit({ action: change.action === "disable" ? "user.disable" : "user.enable", target: target.email });
        return { user: await findUserById(db, id) };
      }
      if (change.action === "reset-password") {
        const password = await resetPassword(db, id, change.password);
        await audit({ action: "user.reset-password", target: target.email });
        return Response.json({ user: target, password }, { headers: { "Cache-Control": "no-store" } });
      }
      const { action: _action, ...fields } = change;
      const updated = await updateUser(db, id, fields);
      await audit({ action: "user.update", target: target.email, filters: fields });
      return { user: updated };
    } catch (error) {
      if (error instanceof UserInputError) throw new HttpError(400, "INVALID_INPUT", error.message);
      throw error;
    }
  })(request);
}
