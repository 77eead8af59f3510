import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Raw SQL rows; postgres.js returns an array, PGlite a `{ rows }` object. */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
