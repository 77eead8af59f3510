import { createUser } from "@/lib/auth/create-user";
import { listUsers } from "@/lib/auth/list-users";
import { HttpError, withRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "admin" }, async ({ db }) => ({ users: await listUsers(db) }));

/** Creates a user; the password (given, or generated) is shown once in the answer and never stored in clear. */
export const POST = withRoute({ role: "admin" }, async ({ db, request, audit }) => {
  const body = await request.json().catch(() => {
    throw new HttpError(400, "INVALID_INPUT", "请求内容应为 JSON。");
  });
  const { user, password } = await createUser(db, body);
  await audit({
    action: "user.create",
    target: user.email,
    filters: { role: user.role, regionCode: user.regionCode, canExport: user.canExport },
  });
  return Response.json({ user, password }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
