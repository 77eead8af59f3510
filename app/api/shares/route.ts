import { formatChinaTime } from "@/lib/china-time";
import { HttpError, withRoute } from "@/lib/http/with-route";
import { createSharedView } from "@/lib/shares/create-shared-view";

export const dynamic = "force-dynamic";

/** Freezes the overview view the user is looking at (its tables under the user's scope) and returns its link. */
export const POST = withRoute({}, async ({ db, request, user, scope, audit }) => {
  const body = await request.json().catch(() => {
    throw new HttpError(400, "INVALID_INPUT", "请求内容应为 JSON。");
  });
  const share = await createSharedView(db, { user, scope, request: body });
  const view = Object.fromEntries(Object.entries(share.view).filter(([, v]) => v != null));
  await audit({
    action: "share.create",
    target: share.path,
    filters: { ...share.filter, ...view, datasetVersion: share.datasetVersion },
    rowCount: share.rowCount,
  });
  return Response.json(
    {
      path: share.path,
      datasetVersion: share.datasetVersion,
      createdAt: share.createdAt.toISOString(),
      frozenAt: formatChinaTime(share.createdAt).slice(0, 16),
    },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
