import { z } from "zod";
import { changeUser, userChangeRequestSchema } from "@/lib/auth/change-user";
import { HttpError, withRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

/** Disable, enable, reset the password of, or change the role/region/export right of one user. */
export const PATCH = withRoute(
  { role: "admin", params: z.object({ id: z.string() }) },
  async ({ request, db, params: { id }, user, audit }) => {
    const parsed = userChangeRequestSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) {
      throw new HttpError(
        400,
        "INVALID_INPUT",
        "请求内容有误：action 应为 disable、enable、reset-password 或 update。",
      );
    }
    const result = await changeUser(db, user, id, parsed.data);
    await audit(result.audit);
    if (result.password !== undefined) {
      return Response.json(
        { user: result.user, password: result.password },
        { headers: { "Cache-Control": "no-store" } },
      );
    }
    return { user: result.user };
  },
);
