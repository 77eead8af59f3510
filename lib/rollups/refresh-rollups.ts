import "server-only";
import { inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies } from "@/db/schema";
import { findRegionByCode } from "@/lib/regions";
import { buildNextMissingUpdate, buildProvinceDelta, buildRollupInsert, ROLLUP_GROUP_KEY } from "./rollup-sql";

/** A current report of (agency, year) was added, replaced, changed or removed. */
export type RollupChange = { agencyId: number; year: number };

type Group = { region: string; year: number; kind: string };

const LOCK_CLASS = 727_301;
/** Above this many groups one table lock is cheaper than one advisory lock each (and the lock table is finite). */
const MAX_GROUP_LOCKS = 256;

const groupsSql = (groups: Group[]) =>
  sql.join(
    groups.map((g) => sql`(${g.region}::text, ${g.year}::int, ${g.kind}::text)`),
    sql`, `,
  );

/**
 * Recomputes the rollup groups touched by the changes, inside the caller's transaction (after its writes to
 * `report_values`). A change of (agency, year) touches the agency's group of that year and of the year before (whose
 * 缺报 count depends on this year). Groups are locked first, in one global order, so two concurrent READ COMMITTED
 * ingests into one group serialise and the later one recomputes from the earlier one's committed rows.
 */
export async function refreshRollups(db: Db, changes: readonly RollupChange[]): Promise<void> {
  if (changes.length === 0) return;
  const ids = [...new Set(changes.map((c) => c.agencyId))];
  const rows = await db
    .select({ id: agencies.id, kind: agencies.kind, regionCode: agencies.regionCode })
    .from(agencies)
    .where(inArray(agencies.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const groups = new Map<string, Group>();
  for (const change of changes) {
    const agency = byId.get(change.agencyId);
    if (!agency) continue;
    // Same derivation as the row's denormalised levels: the region itself when known, else no region.
    const region = agency.regionCode && findRegionByCode(agency.regionCode) ? agency.regionCode : "";
    for (const year of [change.year, change.year - 1]) {
      groups.set(`${region}|${year}|${agency.kind}`, { region, year, kind: agency.kind });
    }
  }
  const list = [...groups.values()];
  if (list.length === 0) return;
  if (list.length > MAX_GROUP_LOCKS) {
    await db.execute(sql`lock table report_rollups in exclusive mode`);
  } else {
    const keys = sql.join(
      [...groups.keys()].map((k) => sql`${k}`),
      sql`, `,
    );
    await db.execute(
      sql`select count(pg_advisory_xact_lock(${LOCK_CLASS}, h))
          from (select distinct hashtext(k) as h from unnest(array[${keys}]::text[]) as k order by h) as s`,
    );
  }
  // The agency's rows of the year and the year before: whether each has a next-year report may have changed.
  const rowsOfChanges = sql.join(
    changes.flatMap((c) => [sql`(${c.agencyId}::int, ${c.year}::int)`, sql`(${c.agencyId}::int, ${c.year - 1}::int)`]),
    sql`, `,
  );
  await db.execute(buildNextMissingUpdate(sql`(agency_id, year) in (values ${rowsOfChanges})`));
  await recompute(db, groupsSql(list));
}

async function recompute(db: Db, groups: SQL): Promise<void> {
  const own = sql`(region_code, year, agency_kind) in (values ${groups})`;
  await db.execute(buildProvinceDelta(-1, own));
  await db.execute(sql`delete from report_rollups where ${own}`);
  await db.execute(buildRollupInsert(sql`${ROLLUP_GROUP_KEY} in (values ${groups})`));
  await db.execute(buildProvinceDelta(1, own));
  // Only this transaction's rows can be at 0 here: every writer removes the empty rows it leaves before committing.
  await db.execute(sql`delete from report_rollups_province where reports = 0`);
}

/** Rebuilds the whole rollup from `report_values` (migrations, bulk loads, consistency checks). */
export async function rebuildRollups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table report_rollups, report_rollups_province in exclusive mode`);
    await tx.execute(buildNextMissingUpdate(sql`true`));
    await tx.execute(sql`delete from report_rollups`);
    await tx.execute(buildRollupInsert(sql`true`));
    await tx.execute(sql`delete from report_rollups_province`);
    await tx.execute(buildProvinceDelta(1, sql`true`));
  });
}
