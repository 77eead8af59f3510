import { execFileSync } from "node:child_process";
import path from "node:path";
import { startThrowawayPostgres } from "../support/throwaway-postgres";
import type { BenchConfig } from "./config";

/** Large caches and no durability or autovacuum: the figures are of the designs, not of fsync. */
const SERVER_SETTINGS = {
  shared_buffers: "1GB",
  work_mem: "64MB",
  maintenance_work_mem: "1GB",
  effective_cache_size: "12GB",
  max_wal_size: "4GB",
  checkpoint_timeout: "30min",
  autovacuum: "off",
};

export type BenchServer = {
  adminUrl: string;
  /** The scratch database's URL. */
  url: string;
  own: boolean;
  pgdata?: string;
  /** Restarts the server and evicts this database's files from the OS page cache (own cluster only). */
  restartCold: (dbOid: number) => void;
  stop: () => void;
};

/** Written back, then dropped from the page cache: only this database's files, other users' cache is untouched. */
function evictPageCache(dir: string): void {
  execFileSync("sh", [
    "-c",
    'cd "$1" && sync -- * && for f in *; do dd if="$f" iflag=nocache count=0 status=none; done',
    "sh",
    dir,
  ]);
}

/** A scratch database on DATABASE_URL's server, or on a throwaway cluster of its own. */
export async function openBenchServer(config: BenchConfig, databaseUrl: string | undefined): Promise<BenchServer> {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    url.pathname = `/${config.dbName}`;
    return { adminUrl: databaseUrl, url: url.toString(), own: false, restartCold() {}, stop() {} };
  }
  const pg = await startThrowawayPostgres({
    settings: SERVER_SETTINGS,
    ...(config.port ? { port: config.port } : {}),
    stopOnExit: !config.keep,
  });
  return {
    adminUrl: pg.adminUrl,
    url: pg.urlFor(config.dbName),
    own: true,
    pgdata: pg.pgdata,
    restartCold: (dbOid) => pg.restart(() => evictPageCache(path.join(pg.pgdata, "base", String(dbOid)))),
    stop: pg.stop,
  };
}
