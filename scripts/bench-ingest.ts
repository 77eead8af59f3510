import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { type DbHandle, openDatabase } from "@/db/client";
import { collectSources } from "@/lib/ingest/collect-sources";
import { defaultConcurrency, ingestBatch } from "@/lib/ingest/ingest-batch";
import { resolveLimits } from "@/lib/ingest/limits";
import type { Shape } from "@/lib/report/generate";
import { generateCorpusDocuments } from "@/lib/sample/plan-corpus";
import { seedRegions } from "@/lib/setup/seed-regions";
import { startThrowawayPostgres } from "./support/throwaway-postgres";

/** End-to-end ingestion throughput (documents/s) and peak memory into PostgreSQL and into PGlite. */
const { values } = parseArgs({
  options: {
    documents: { type: "string", default: "5000" },
    shapes: { type: "string", default: "html,text-lines" },
    targets: { type: "string", default: "postgres,pglite" },
  },
});
const documents = Number(values.documents);
const shapes = values.shapes!.split(",") as Shape[];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-bench-ingest-"));
process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
console.log(`生成 ${documents} 份文档（${shapes.join("、")}）…`);
let written = 0;
const agencies = Math.ceil(documents / 6.5);
for await (const doc of generateCorpusDocuments({ agencies, fromYear: 2019, toYear: 2025, seed: 42, shapes })) {
  if (written >= documents) break;
  fs.writeFileSync(path.join(dir, `${String(written++).padStart(6, "0")}${path.extname(doc.fileName)}`), doc.bytes);
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

async function measure(label: string, open: () => Promise<DbHandle>) {
  const handle = await open();
  try {
    await seedRegions(handle.db);
    peakRss = process.memoryUsage().rss;
    const started = performance.now();
    const { counts } = await ingestBatch(handle.db, collectSources([dir], resolveLimits()), {
      concurrency: defaultConcurrency(handle.kind),
    });
    const seconds = (performance.now() - started) / 1000;
    const total = counts.new + counts.updated + counts.unchanged + counts.rejected;
    console.log(
      `${label.padEnd(10)} ${total} 份  ${seconds.toFixed(1)} 秒  ${(total / seconds).toFixed(1)} 份/秒  ` +
        `新增 ${counts.new} 拒绝 ${counts.rejected}  峰值内存 ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
    );
  } finally {
    await handle.close();
  }
}

const targets = values.targets!.split(",");
if (targets.includes("postgres")) {
  const pg = process.env.DATABASE_URL ? null : await startThrowawayPostgres();
  const admin = postgres(process.env.DATABASE_URL ?? pg!.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists ogi_bench_ingest");
  await admin.unsafe("create database ogi_bench_ingest");
  const url = new URL(process.env.DATABASE_URL ?? pg!.adminUrl);
  url.pathname = "/ogi_bench_ingest";
  await measure("PostgreSQL", () => openDatabase({ url: url.toString() }));
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
