import "server-only";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";

const dialect = new PgDialect();

/**
 * Raw SQL rows through a named prepared statement: postgres.js prepares it once per connection (PGlite ignores the
 * name), and planning the big ingest statements cost more server time than running them. `db.execute` never prepares,
 * so this asks the session Drizzle exposes as `db._.session`; a client opened with `prepare: false` still runs it unnamed.
 */
export async function selectPreparedRows<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const result: unknown = await db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
