import "server-only";
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { type Db, getDb } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/errors";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Context<Q> = { request: Request; query: Q; db: Db };

function errorResponse(status: number, code: string, message: string, detail?: unknown) {
  return NextResponse.json({ error: { code, message, ...(detail ? { detail } : {}) } }, { status });
}

/** Every route handler goes through here: zod-parsed query, a database handle, typed errors mapped to HTTP. */
export function withRoute<S extends z.ZodType>(
  options: { query: S },
  handler: (ctx: Context<z.infer<S>>) => Promise<Response | unknown>,
) {
  return async (request: Request): Promise<Response> => {
    try {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      const query = options.query.parse(params);
      const db = await getDb();
      const result = await handler({ request, query, db });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      if (error instanceof ZodError) {
        return errorResponse(400, "INVALID_INPUT", `请求参数有误：${error.issues.map((i) => i.message).join("；")}`);
      }
      if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
      if (error instanceof DatabaseUnavailableError) return errorResponse(503, error.code, error.message);
      console.error(error);
      return errorResponse(500, "INTERNAL_ERROR", "服务器内部错误，请稍后重试。");
    }
  };
}
