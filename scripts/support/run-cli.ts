import { DatabaseUnavailableError } from "@/db/errors";

export const EXIT = { ok: 0, fatal: 1, usage: 2, rejected: 3 } as const;

/** Runs a CLI main; a database or unexpected failure prints one Chinese line (no stack) and exits 1. */
export async function runCli(main: () => Promise<number>): Promise<never> {
  try {
    process.exit(await main());
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) process.stderr.write(`错误：${error.message}\n`);
    else process.stderr.write(`错误：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(EXIT.fatal);
  }
}
