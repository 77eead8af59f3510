import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { DatabaseUnavailableError } from "./errors";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

/**
 * A database or a transaction (Drizzle's transaction type extends its database type): functions take `Db` and run
 * inside whichever they are given, so a caller passes `tx` from `db.transaction((tx) => …)` as it is, without a cast.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";
export type DbHandle = { db: Db; kind: DbKind; close: () => Promise<void> };

export type OpenOptions = {
  /** postgres:// URL; defaults to DATABASE_URL. Unset → embedded PGlite. */
  url?: string;
  /** PGlite data folder; defaults to OGI_DATA_DIR or ./.data/pglite. */
  dataDir?: string;
  /** Who holds the PGlite lock (shown to a second process). */
  purpose?: string;
  migrate?: boolean;
};

export function resolveMigrationsDir(): string {
  return process.env.OGI_MIGRATIONS_DIR ?? path.join(process.cwd(), "db", "migrations");
}

export function resolveDataDir(dataDir?: string): string {
  return dataDir ?? process.env.OGI_DATA_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

async function openPostgres(url: string, migrate: boolean): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: Number(process.env.OGI_DB_POOL ?? 10),
    onnotice: () => {},
    connect_timeout: 5,
    // The dashboard's queries are short; PostgreSQL's JIT compiles any plan it misestimates as large, which cost
    // the data-quality panel 120 ms of its 380 (and compiles again on every call).
    connection: { jit: "off" },
  });
  const db = drizzle(client, { schema });
  try {
    await db.execute(sql`select 1`);
    if (migrate) {
      const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
      // Several processes may start at once against one server: serialise migrations with an advisory lock.
      const locker = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await locker`select pg_advisory_lock(727272)`;
        await run(db, { migrationsFolder: resolveMigrationsDir() });
      } finally {
        await locker`select pg_advisory_unlock(727272)`.catch(() => {});
        await locker.end({ timeout: 1 });
      }
    }
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw toUnavailable(error);
  }
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string, purpose: string, migrate: boolean): Promise<DbHandle> {
  const release = dataDir.startsWith("memory://") ? () => {} : acquirePgliteLock(dataDir, purpose);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create(dataDir);
    const db = drizzle(client, { schema });
    if (migrate) {
      const { migrate: run } = await import("drizzle-orm/pglite/migrator");
      await run(drizzle(client), { migrationsFolder: resolveMigrationsDir() });
    }
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw toUnavailable(error);
  }
}

function toUnavailable(error: unknown): Error {
  if (error instanceof DatabaseUnavailableError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new DatabaseUnavailableError("DATABASE_UNREACHABLE", `数据库无法连接或初始化：${detail}`, { cause: error });
}

/** Opens a new database handle (tests and CLIs); the app uses `getDb()`. */
export async function openDatabase(options: OpenOptions = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  const migrate = options.migrate ?? true;
  if (url) return openPostgres(url, migrate);
  return openPglite(resolveDataDir(options.dataDir), options.purpose ?? `进程 ${process.argv[1] ?? "node"}`, migrate);
}

const holder = globalThis as unknown as { __ogiDb?: Promise<DbHandle> };

/** The process-wide handle, opened (and migrated) on first use; a failed open is retried on the next call. */
export function getDbHandle(): Promise<DbHandle> {
  if (!holder.__ogiDb) {
    holder.__ogiDb = openDatabase({ purpose: "看板服务（npm run serve）" }).catch((error) => {
      holder.__ogiDb = undefined;
      throw error;
    });
  }
  return holder.__ogiDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
