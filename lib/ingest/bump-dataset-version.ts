import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Marks the data as changed for every cache keyed by the dataset version (a sequence: no lock, no contention). */
export async function bumpDatasetVersion(db: Db): Promise<void> {
  await db.execute(sql`select nextval('dataset_version_seq')`);
}
