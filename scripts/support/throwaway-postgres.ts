import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const isRoot = process.getuid?.() === 0;

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

export type ThrowawayPostgres = { adminUrl: string; pgdata: string; urlFor: (db: string) => string; stop: () => void };

/** A private PostgreSQL cluster on a free loopback port, for benchmarks; durability settings off. */
export async function startThrowawayPostgres(settings: Record<string, string> = {}): Promise<ThrowawayPostgres> {
  const port = await findFreePort();
  const pgdata = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-pg."));
  if (isRoot) execFileSync("chown", ["postgres:postgres", pgdata]);
  runPgTool("initdb", ["-D", pgdata, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"]);
  const all = {
    listen_addresses: "127.0.0.1",
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    ...settings,
  };
  const opts = [`-p ${port}`, `-k ${pgdata}`, ...Object.entries(all).map(([k, v]) => `-c ${k}=${v}`)].join(" ");
  runPgTool("pg_ctl", ["-D", pgdata, "-l", path.join(pgdata, "server.log"), "-w", "-o", opts, "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      runPgTool("pg_ctl", ["-D", pgdata, "-m", "immediate", "-w", "stop"]);
    } catch {}
    fs.rmSync(pgdata, { recursive: true, force: true });
  };
  process.once("exit", stop);
  const urlFor = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return { adminUrl: urlFor("postgres"), pgdata, urlFor, stop };
}
