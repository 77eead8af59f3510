import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseUnavailableError } from "./errors";

type LockInfo = { pid: number; host: string; startedAt: string; purpose: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/**
 * PGlite has no cross-process lock and two processes on one folder corrupt it for good, so every process
 * takes `<dataDir>.lock` (O_EXCL create) first. A lock whose PID is gone on this host is stale and replaced.
 */
export function acquirePgliteLock(dataDir: string, purpose: string): () => void {
  const file = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(file);
      if (holder && holder.pid === process.pid) {
        throw new DatabaseUnavailableError("DATABASE_LOCKED", "本进程已打开嵌入式数据库，不能重复打开。");
      }
      if (holder && holder.host === os.hostname() && !isAlive(holder.pid)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (!holder) {
        // A lock being written right now, or a truncated one: give the writer a moment before judging it.
        if (attempt < 2) {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
          continue;
        }
        fs.rmSync(file, { force: true });
        continue;
      }
      throw new DatabaseUnavailableError(
        "DATABASE_LOCKED",
        `嵌入式数据库（${dataDir}）正被另一个进程使用（PID ${holder.pid}，${holder.purpose}，自 ${holder.startedAt}）。` +
          "请先停止该进程，或通过正在运行的服务导入；也可以设置 DATABASE_URL 使用 PostgreSQL 服务器。",
      );
    }
  }
  throw new DatabaseUnavailableError("DATABASE_LOCKED", `无法获取嵌入式数据库锁：${file}`);
}
