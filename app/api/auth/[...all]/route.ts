import { z } from "zod";
import { handleAuthRequest } from "@/lib/auth/auth-endpoint";
import { withRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

// Public by necessity (signing in); better-auth checks the Origin of its own state changes as well.
const handle = withRoute({ query: z.looseObject({}), public: true }, ({ db, request }) =>
  handleAuthRequest(db, request),
);

export const GET = handle;
export const POST = handle;
