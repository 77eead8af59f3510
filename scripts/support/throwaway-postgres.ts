import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const isRoot = process.getuid?.() === 0;
const DATA_DIR_PREFIX = "ogi-pg.";

/** Durability off: a throwaway cluster loses nothing worth an fsync. */
const FAST_SETTINGS = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };

export function findPgBin(): string {
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(path.join(root, "15", "bin"))) return path.join(root, "15", "bin");
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  if (!versions.length) throw new Error("没有找到 PostgreSQL（apt-get install postgresql），或请设置 DATABASE_URL。");
  return path.join(root, versions.at(-1)!, "bin");
}

/** Runs a PostgreSQL tool, as the postgres user when we are root (initdb refuses root). */
export function runPgTool(tool: string, args: string[]): string {
  const bin = path.join(findPgBin(), tool);
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export type ThrowawayPostgres = {
  adminUrl: string;
  pgdata: string;
  port: number;
  /** "PostgreSQL 15.18" */
  version: string;
  urlFor: (db: string) => string;
  /** Stops the server, runs `whileStopped` (e.g. evicting the page cache), starts it again. */
  restart: (whileStopped?: () => void) => void;
  /** Stops the server and removes its data directory; safe to call twice. */
  stop: () => void;
};

export type ThrowawayOptions = {
  /** Server settings on top of listen_addresses=127.0.0.1 and durability off. */
  settings?: Record<string, string>;
  /** A fixed port; a free one by default. */
  port?: number;
  /** Stop and remove the cluster when this process exits (default); off for a cluster that outlives its starter. */
  stopOnExit?: boolean;
};

/** Stops the cluster in `pgdata` and removes the directory; refuses a directory this module did not create. */
export function stopThrowawayPostgres(pgdata: string): void {
  if (!path.basename(pgdata).startsWith(DATA_DIR_PREFIX)) throw new Error(`not a throwaway cluster: ${pgdata}`);
  if (!fs.existsSync(pgdata)) return;
  try {
    runPgTool("pg_ctl", ["-D", pgdata, "-m", "immediate", "-w", "stop"]);
  } catch {} // not running
  fs.rmSync(pgdata, { recursive: true, force: true });
}

/** A private PostgreSQL cluster in a temporary directory, on a loopback port; durability settings off. */
export async function startThrowawayPostgres(options: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const port = options.port ?? (await findFreePort());
  const pgdata = fs.mkdtempSync(path.join(os.tmpdir(), DATA_DIR_PREFIX));
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopThrowawayPostgres(pgdata);
  };
  const settings = { listen_addresses: "127.0.0.1", ...FAST_SETTINGS, ...options.settings };
  const serverOptions = [`-p ${port}`, `-k ${pgdata}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)];
  const logFile = path.join(pgdata, "server.log");
  const start = () => {
    try {
      runPgTool("pg_ctl", ["-D", pgdata, "-l", logFile, "-w", "-o", serverOptions.join(" "), "start"]);
    } catch (error) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
      throw new Error(`pg_ctl start failed: ${(error as Error).message}\n${log}`);
    }
  };
  try {
    if (isRoot) execFileSync("chown", ["postgres:postgres", pgdata]);
    runPgTool("initdb", ["-D", pgdata, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"]);
    start();
  } catch (error) {
    stop();
    throw error;
  }
  if (options.stopOnExit !== false) process.once("exit", stop);
  // "postgres (PostgreSQL) 15.18 (Debian …)"
  const version = runPgTool("postgres", ["--version"]).split(" ")[2] ?? "";
  const urlFor = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const restart = (whileStopped?: () => void) => {
    runPgTool("pg_ctl", ["-D", pgdata, "-m", "fast", "-w", "stop"]);
    whileStopped?.();
    start();
  };
  return { adminUrl: urlFor("postgres"), pgdata, port, version: `PostgreSQL ${version}`, urlFor, restart, stop };
}
