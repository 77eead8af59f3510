import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { OcrProgress } from "@/lib/ocr/read-scan-document";
import type { ParsedReport } from "@/lib/report/schema";
import { PARSE_TIMEOUT_MS, type ParseRejection, type ParseTask } from "./parse-pool-task";
import type { ParseRequest } from "./parse-pool-worker";

export type ParseResult = ParsedReport | ParseRejection;

// Built at run time so that bundlers (the Next build, whose uploads parse in-process) do not follow the worker
// files and the tsx loader they register; the command-line tools run these sources directly.
const sibling = (name: string): URL => new URL(name, `${import.meta.url.replace(/[^/]*$/, "")}`);

/** Parse workers for a batch: `--workers` / OGI_PARSE_WORKERS, else one core left to the main thread (and ≥ 1). */
export function resolveParseWorkers(value?: string): number {
  const raw = value ?? process.env.OGI_PARSE_WORKERS;
  if (raw === undefined || raw === "") return Math.max(1, os.availableParallelism() - 1);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`解析线程数应为 0–64 的整数，收到“${raw}”。`);
  return n;
}

export type ParsePoolOptions = {
  /** The folder of the worker files when this module runs from a bundle (the Next server), not from its source. */
  workerDir?: URL;
  /** The worker module (tests substitute one); default `parse-pool-worker.ts`. */
  entry?: URL;
  /** A worker still busy with one document this long is terminated: a rejection, not a hang. */
  hardTimeoutMs?: number;
};

type Job = {
  id: number;
  task: ParseTask;
  resolve: (result: ParseResult) => void;
  reject: (error: Error) => void;
  onProgress?: (p: OcrProgress) => void;
};
type Slot = { worker: Worker; jobs: Job[]; ready: boolean; timer?: NodeJS.Timeout; fault?: ParseRejection };

/** Two documents queued per worker, so that a worker never waits on a busy main thread for its next one. */
const PER_WORKER = 2;

/**
 * Parses documents in worker threads, so that parsing overlaps the main thread's database work. A worker that crashes
 * or overruns the hard timeout is replaced and its document gets a Chinese rejection; a worker that cannot even start
 * fails the batch (a broken installation must not reject every document).
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private readonly entry: URL;
  private readonly bootstrap: URL;
  private readonly hardTimeoutMs: number;
  private nextId = 1;
  private closed = false;
  private failure?: Error;

  constructor(
    readonly size: number,
    options: ParsePoolOptions = {},
  ) {
    const local = (name: string) => (options.workerDir ? new URL(name, options.workerDir) : sibling(name));
    this.entry = options.entry ?? local("parse-pool-worker.ts");
    this.bootstrap = local("parse-pool-worker.mjs");
    this.hardTimeoutMs = options.hardTimeoutMs ?? PARSE_TIMEOUT_MS + 10_000;
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  /** Closed for good after a worker could not start. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** `onProgress`: each page of a scan read by OCR (a long document's OCR restarts the hard timeout per page). */
  parse(task: ParseTask, onProgress?: (p: OcrProgress) => void): Promise<ParseResult> {
    if (this.closed) return Promise.reject(this.failure ?? new Error("解析线程池已关闭。"));
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, task, resolve, reject, onProgress });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const open = [...this.waiting.splice(0), ...this.slots.flatMap((slot) => slot.jobs.splice(0))];
    for (const job of open) job.reject(this.failure ?? new Error("解析线程池已关闭。"));
    await Promise.all(
      this.slots.map((slot) => {
        clearTimeout(slot.timer);
        return slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(this.bootstrap, {
      workerData: { entry: this.entry.href },
    });
    const slot: Slot = { worker, jobs: [], ready: false };
    worker.on("message", (message: { ready?: true; id?: number; result?: ParseResult; progress?: OcrProgress }) => {
      if (message.ready) {
        slot.ready = true;
        this.armTimer(slot);
        return;
      }
      if (message.progress) {
        this.armTimer(slot);
        slot.jobs[0]?.onProgress?.(message.progress);
        return;
      }
      clearTimeout(slot.timer);
      slot.jobs.shift()?.resolve(message.result!);
      this.armTimer(slot);
      this.pump();
    });
    worker.on("error", (error) => {
      slot.fault ??= { code: "PARSER_FAILURE", reason: `解析线程异常退出：${error.message}` };
    });
    worker.on("exit", (code) => this.onExit(slot, code));
    return slot;
  }

  private onExit(slot: Slot, code: number): void {
    clearTimeout(slot.timer);
    const index = this.slots.indexOf(slot);
    if (this.closed || index < 0) return;
    if (!slot.ready) {
      this.failure = new Error(`解析线程无法启动（退出码 ${code}）：${slot.fault?.reason ?? "未知原因"}`);
      void this.close();
      return;
    }
    const [culprit, ...innocent] = slot.jobs.splice(0);
    culprit?.resolve(slot.fault ?? { code: "PARSER_FAILURE", reason: `解析线程异常退出（退出码 ${code}）。` });
    this.waiting.unshift(...innocent);
    this.slots[index] = this.spawn();
    this.pump();
  }

  private armTimer(slot: Slot): void {
    if (!slot.ready || slot.jobs.length === 0) return;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.fault = {
        code: "TIMEOUT",
        reason: `解析超时（超过 ${Math.round(this.hardTimeoutMs / 1000)} 秒仍未完成），已终止该解析线程。`,
      };
      void slot.worker.terminate();
    }, this.hardTimeoutMs);
  }

  private pump(): void {
    while (this.waiting.length > 0) {
      const slot = this.slots
        .filter((s) => s.jobs.length < PER_WORKER && !s.fault)
        .sort((a, b) => a.jobs.length - b.jobs.length)[0];
      if (!slot) return;
      const job = this.waiting.shift()!;
      // A private copy whose buffer moves to the worker: no structured-clone copy, and the caller keeps its bytes.
      const bytes = job.task.bytes.slice();
      const request: ParseRequest = { id: job.id, task: { ...job.task, bytes } };
      slot.jobs.push(job);
      slot.worker.postMessage(request, [bytes.buffer]);
      if (slot.jobs.length === 1) this.armTimer(slot);
    }
  }
}
