import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { selectRows } from "@/lib/db/rows";
import { drainPendingRollups } from "@/lib/rollups/pending-rollups";

const VERSION_TTL_MS = 1_000;
const MAX_ENTRIES = 500;

type DbCache = { version: string; checkedAt: number; entries: Map<string, unknown> };
const caches = new WeakMap<object, DbCache>();

/**
 * The dataset version (every change to reports takes a value of `dataset_version_seq`, see bumpDatasetVersion), after
 * recomputing the rollup groups ingestion marked pending, so nothing is read or cached at a version with stale rollups.
 */
export async function drainRollupsAndGetVersion(db: Db): Promise<string> {
  const cache = caches.get(db);
  if (cache && Date.now() - cache.checkedAt < VERSION_TTL_MS) return cache.version;
  const [row] = await selectRows<{ v: number; pending: boolean }>(
    db,
    sql`select (case when is_called then last_value else 0 end)::int8::text as v,
          exists (select 1 from rollup_pending) as pending
        from dataset_version_seq`,
  );
  if (row?.pending) await drainPendingRollups(db);
  const version = `r${row?.v ?? 0}`;
  if (!cache || cache.version !== version) {
    caches.set(db, { version, checkedAt: Date.now(), entries: new Map() });
  } else {
    cache.checkedAt = Date.now();
  }
  return version;
}

/**
 * Forces the next read to look the version up again: a change this process just committed (a deletion, an upload)
 * must show on the very next page, not after the version's TTL.
 */
export function forgetDatasetVersion(db: Db): void {
  const cache = caches.get(db);
  if (cache) cache.checkedAt = 0;
}

/** Memoises a query result under the dataset version: ingestion changes the version and so invalidates it. */
export async function cachedByVersion<T>(
  db: Db,
  key: string,
  load: () => Promise<T>,
): Promise<{ value: T; version: string }> {
  const version = await drainRollupsAndGetVersion(db);
  const cache = caches.get(db)!;
  const hit = cache.entries.get(key) as Promise<T> | undefined;
  if (hit) {
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return { value: await hit, version };
  }
  const pending = load();
  cache.entries.set(key, pending);
  pending.catch(() => cache.entries.delete(key));
  if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value as string);
  return { value: await pending, version };
}
