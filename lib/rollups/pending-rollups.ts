import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { selectRows } from "@/lib/db/rows";
import { type RollupChange, refreshRollups } from "./refresh-rollups";

const DRAIN_CHUNK = 200;

/**
 * Marks (agency, year) for a rollup recompute, in the caller's transaction. Cheap, so a batch ingest does not
 * recompute a group per document; a mark made while a drain holds that pair waits for the drain and then stays.
 */
export async function markRollupsPending(db: Db, changes: readonly RollupChange[]): Promise<void> {
  if (changes.length === 0) return;
  const values = sql.join(
    changes.map((c) => sql`(${c.agencyId}::int, ${c.year}::smallint, nextval('rollup_pending_seq'))`),
    sql`, `,
  );
  await db.execute(
    sql`insert into rollup_pending (agency_id, year, seq) values ${values}
        on conflict (agency_id, year) do update set seq = excluded.seq`,
  );
}

const inFlight = new WeakMap<object, Promise<number>>();

/**
 * Recomputes every marked pair's rollup groups, a chunk per transaction, until none is left; returns how many
 * pairs it recomputed. One drain at a time per database handle; a second process's drain waits on the rows.
 */
export function drainPendingRollups(db: Db): Promise<number> {
  const running = inFlight.get(db);
  if (running) return running;
  const run = drainAll(db).finally(() => inFlight.delete(db));
  inFlight.set(db, run);
  return run;
}

async function drainAll(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await selectRows<{ agency_id: number; year: number; seq: string }>(
        tx,
        sql`select agency_id, year, seq::text as seq from rollup_pending
            order by agency_id, year limit ${DRAIN_CHUNK} for update`,
      );
      if (rows.length === 0) return 0;
      await refreshRollups(
        tx,
        rows.map((r) => ({ agencyId: r.agency_id, year: r.year })),
      );
      const keys = sql.join(
        rows.map((r) => sql`(${r.agency_id}::int, ${r.year}::smallint, ${r.seq}::bigint)`),
        sql`, `,
      );
      await tx.execute(sql`delete from rollup_pending where (agency_id, year, seq) in (${keys})`);
      return rows.length;
    });
    if (done === 0) return total;
    total += done;
  }
}

/** True when some rollup group waits for its recompute. */
export async function hasPendingRollups(db: Db): Promise<boolean> {
  const [row] = await selectRows<{ any: boolean }>(db, sql`select exists (select 1 from rollup_pending) as any`);
  return row?.any === true;
}
