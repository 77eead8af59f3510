import "server-only";
/** The SQLSTATE of a database error (postgres.js and PGlite put it on the error or its cause). */
export function readSqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Unique violation, deadlock, serialization failure: a concurrent writer got there first. */
const isRaceLost = (state: string | undefined) => state === "23505" || state === "40P01" || state === "40001";

/** Data exceptions (22xxx) and constraint violations (23xxx) belong to the document; anything else is fatal. */
export const isDocumentFault = (state: string | undefined) =>
  !!state && (state.startsWith("22") || state.startsWith("23"));

/** Runs `work` again, up to `attempts` times in all, while it loses a race with a concurrent transaction. */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRaceLost(readSqlState(error))) throw error;
    }
  }
}
