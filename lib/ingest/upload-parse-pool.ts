import "server-only";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ParsePool } from "./parse-pool";

/** Parse workers the server keeps for uploads (OGI_UPLOAD_PARSE_WORKERS, default 1; 0 parses on the main thread). */
export function resolveUploadParseWorkers(value = process.env.OGI_UPLOAD_PARSE_WORKERS): number {
  if (value === undefined || value === "") return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 16)
    throw new Error(`OGI_UPLOAD_PARSE_WORKERS 应为 0–16 的整数，收到“${value}”。`);
  return n;
}

/** Workers idle this long are stopped (each holds the parser and PDF reader in memory); the next upload restarts one. */
const IDLE_MS = 60_000;

type Holder = { pool: ParsePool | null; users: number; idle?: NodeJS.Timeout };
const holder = globalThis as typeof globalThis & { __ogiUploadPool?: Holder };

/**
 * Runs `work` with the server's upload parse pool, so that parsing an upload never blocks the requests the server
 * answers meanwhile. Started on first use from the app's own folder (the server's bundle is not where the workers are).
 */
export async function withUploadParsePool<T>(work: (pool: ParsePool | undefined) => Promise<T>): Promise<T> {
  const size = resolveUploadParseWorkers();
  if (size === 0) return work(undefined);
  holder.__ogiUploadPool ??= { pool: null, users: 0 };
  const state = holder.__ogiUploadPool;
  clearTimeout(state.idle);
  state.pool ??= new ParsePool(size, { workerDir: pathToFileURL(path.join(process.cwd(), "lib", "ingest", path.sep)) });
  const pool = state.pool;
  state.users++;
  try {
    return await work(pool);
  } catch (error) {
    // A pool that failed (a worker could not start) is not reused: the next upload tries a fresh one.
    if (state.pool === pool && pool.failed) state.pool = null;
    throw error;
  } finally {
    state.users--;
    if (state.users === 0 && state.pool) {
      const idle = state.pool;
      state.idle = setTimeout(() => {
        if (holder.__ogiUploadPool?.pool === idle && holder.__ogiUploadPool.users === 0) {
          holder.__ogiUploadPool.pool = null;
          void idle.close();
        }
      }, IDLE_MS);
      state.idle.unref();
    }
  }
}
