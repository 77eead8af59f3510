import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/errors";

const dirs: string[] = [];
function freshDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-lock-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("embedded database folder lock", () => {
  it("refuses a second opener with a Chinese message naming the holder", async () => {
    const dataDir = freshDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    // A live process (this test's parent) holding the lock, as a running server would.
    fs.writeFileSync(
      `${dataDir}.lock`,
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        startedAt: "2026-01-01T00:00:00Z",
        purpose: "看板服务",
      }),
    );
    const error = await openDatabase({ url: "", dataDir }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error.code).toBe("DATABASE_LOCKED");
    expect(error.message).toContain(`PID ${process.ppid}`);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("replaces a stale lock left by a dead process and releases it on close", async () => {
    const dataDir = freshDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(
      `${dataDir}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: os.hostname(),
        startedAt: "2026-01-01T00:00:00Z",
        purpose: "已崩溃",
      }),
    );
    const handle = await openDatabase({ url: "", dataDir, migrate: false });
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, "utf8")).pid).toBe(process.pid);
    await handle.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
