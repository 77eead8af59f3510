import "server-only";
import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { regions } from "@/db/schema";
import { listRegions } from "@/lib/regions";

const seeded = new WeakSet<object>();

/** Loads the GB/T 2260 hierarchy into `regions` once per database (idempotent). */
export async function seedRegions(db: Db): Promise<void> {
  if (seeded.has(db)) return;
  const [{ n }] = await db.select({ n: count() }).from(regions);
  const all = listRegions();
  if (n < all.length) {
    const rows = all.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parentCode,
      path: r.path,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insert(regions)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing();
    }
  }
  seeded.add(db);
}
