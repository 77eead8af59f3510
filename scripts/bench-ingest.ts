import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type DbHandle, openDatabase } from "@/db/client";
import { collectSources } from "@/lib/ingest/collect-sources";
import { defaultConcurrency, ingestBatch } from "@/lib/ingest/ingest-batch";
import { resolveLimits } from "@/lib/ingest/limits";
import { resolveParseWorkers } from "@/lib/ingest/parse-pool";
import type { Rendering } from "@/lib/sample/generate";
import { generateCorpusDocuments } from "@/lib/sample/plan-corpus";
import { seedRegions } from "@/lib/setup/seed-regions";
import { parseCliArgs } from "./support/cli-args";
import { startThrowawayPostgres } from "./support/throwaway-postgres";

const USAGE = `npm run bench:ingest -- [--documents N] [--shapes html,text-lines] [--targets postgres,pglite]
                                 [--workers N] [--concurrency N]
  End-to-end ingestion throughput (documents/s) and peak memory into PostgreSQL (a throwaway cluster, or
  DATABASE_URL) and into PGlite, on N generated documents (default 5000) of the given renderings.
  --workers: parse threads (0: the main thread); --concurrency: stores in flight; both default as npm run ingest.`;
const { values } = parseCliArgs(USAGE, {
  options: {
    documents: { type: "string", default: "5000" },
    shapes: { type: "string", default: "html,text-lines" },
    targets: { type: "string", default: "postgres,pglite" },
    /** Parse worker threads (0: parse in the main thread); default as `npm run ingest`. */
    workers: { type: "string" },
    /** Stores in flight; default as `npm run ingest`. */
    concurrency: { type: "string" },
  },
});
const workers = resolveParseWorkers(values.workers);
const documents = Number(values.documents);
const renderings = values.shapes!.split(",") as Rendering[];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-bench-ingest-"));
process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
console.log(`生成 ${documents} 份文档（${renderings.join("、")}）…`);
let written = 0;
const agencies = Math.ceil(documents / 6.5);
for await (const doc of generateCorpusDocuments({ agencies, fromYear: 2019, toYear: 2025, seed: 42, renderings })) {
  if (written >= documents) break;
  fs.writeFileSync(path.join(dir, `${String(written++).padStart(6, "0")}${path.extname(doc.fileName)}`), doc.bytes);
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

/** CPU seconds of a PostgreSQL server so far: the postmaster, its live backends and its exited (reaped) ones. */
function serverCpuSeconds(pgdata: string): number {
  const postmaster = fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n")[0];
  // /proc/PID/stat after the command name: ppid is field 4, utime/stime/cutime/cstime fields 14–17 (1/100 s ticks).
  const stat = (pid: string) => fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = (fields: string[], count: number) =>
    fields.slice(11, 11 + count).reduce((sum, t) => sum + Number(t), 0);
  let total = ticks(stat(postmaster), 4);
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = stat(pid);
      if (fields[1] === postmaster) total += ticks(fields, 2);
    } catch {} // exited meanwhile
  }
  return total / 100;
}

async function measure(label: string, open: () => Promise<DbHandle>, serverCpu?: () => number) {
  const handle = await open();
  let report = "";
  let serverBefore = 0;
  try {
    await seedRegions(handle.db);
    serverBefore = serverCpu?.() ?? 0;
    const cpuBefore = process.cpuUsage();
    peakRss = process.memoryUsage().rss;
    // RSS after each tenth of the batch: flat when documents are streamed and the parse queue is bounded.
    const rssByTenth: number[] = [];
    let done = 0;
    const concurrency = values.concurrency ? Number(values.concurrency) : defaultConcurrency(handle.kind);
    const started = performance.now();
    const { counts } = await ingestBatch(handle.db, collectSources([dir], resolveLimits()), {
      concurrency,
      workers,
      onResult: () => {
        if (++done % Math.max(1, Math.floor(documents / 10)) === 0) rssByTenth.push(process.memoryUsage().rss);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const total = counts.new + counts.updated + counts.unchanged + counts.rejected;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
    const cpu = process.cpuUsage(cpuBefore);
    const clientMs = (cpu.user + cpu.system) / 1000 / total;
    report =
      `${label.padEnd(10)} ${total} 份  ${seconds.toFixed(1)} 秒  ${(total / seconds).toFixed(1)} 份/秒  ` +
      `新增 ${counts.new} 拒绝 ${counts.rejected}  峰值内存 ${mb(peakRss)} MB` +
      `（解析线程 ${workers}，并发写入 ${concurrency}；每完成十分之一时 RSS：${rssByTenth.map(mb).join("/")} MB）` +
      `\n${"".padEnd(10)} 每份 CPU：本进程 ${clientMs.toFixed(1)} ms`;
  } finally {
    await handle.close();
  }
  if (serverCpu) {
    await new Promise((r) => setTimeout(r, 500)); // the closed backends are reaped, their CPU time counted
    report += ` + 数据库服务器 ${(((serverCpu() - serverBefore) * 1000) / documents).toFixed(1)} ms`;
  }
  console.log(report);
}

const targets = values.targets!.split(",");
if (targets.includes("postgres")) {
  const pg = process.env.DATABASE_URL ? null : await startThrowawayPostgres();
  const admin = postgres(process.env.DATABASE_URL ?? pg!.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists ogi_bench_ingest");
  await admin.unsafe("create database ogi_bench_ingest");
  const url = new URL(process.env.DATABASE_URL ?? pg!.adminUrl);
  url.pathname = "/ogi_bench_ingest";
  await measure(
    "PostgreSQL",
    () => openDatabase({ url: url.toString() }),
    pg ? () => serverCpuSeconds(pg.pgdata) : undefined,
  );
  await admin.unsafe("drop database ogi_bench_ingest with (force)");
  await admin.end();
  pg?.stop();
}
if (targets.includes("pglite")) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-bench-pglite-"));
  await measure("PGlite", () => openDatabase({ url: "", dataDir: path.join(dataDir, "pglite") }));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
clearInterval(sampler);
