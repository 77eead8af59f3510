import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DbHandle, openDatabase } from "@/db/client";

export type TestDatabase = DbHandle & { url: string; drop: () => Promise<void> };
export type DriverKind = "postgres" | "pglite";

export function requireTestDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error("TEST_DATABASE_URL is not set: run the suite with `npm test`, which starts a private PostgreSQL.");
  }
  return url;
}

/** A fresh, migrated database owned by one test file: a new database on the test server, or an in-memory PGlite. */
export async function createTestDatabase(kind: DriverKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    return { ...handle, url: "", drop: handle.close };
  }
  const adminUrl = requireTestDatabaseUrl();
  const name = `ogi_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
