import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, reports, sourceDocuments } from "@/db/schema";
import type { SourceItem } from "@/lib/ingest/collect-sources";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import type { DocumentMetadata } from "@/lib/ingest/metadata";
import { ParsePool } from "@/lib/ingest/parse-pool";
import { parseForIngest } from "@/lib/ingest/parse-pool-task";
import { generateSample, type Rendering } from "@/lib/sample/generate";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "real");
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const text = (s: string) => new TextEncoder().encode(s);

async function* items(list: { label: string; bytes: Uint8Array; metadata?: DocumentMetadata }[]) {
  for (const item of list) yield { fileName: item.label, ...item } satisfies SourceItem;
}

/** A stand-in worker: "CRASH" kills it, "HANG" never returns, anything else is parsed by the real task. */
const FAULTY_WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort } from "node:worker_threads";
    import { parseForIngest } from ${JSON.stringify(pathToFileURL(path.resolve("lib/ingest/parse-pool-task.ts")).href)};
    let queue = Promise.resolve();
    parentPort.on("message", ({ id, task }) => {
      queue = queue.then(async () => {
        const body = new TextDecoder().decode(task.bytes);
        if (body === "CRASH") {
          process.nextTick(() => { throw new Error("boom"); });
          await new Promise(() => {});
        } else if (body === "HANG") for (;;) {}
        else parentPort.postMessage({ id, result: await parseForIngest(task) });
      });
    });
    parentPort.postMessage({ ready: true });
  `)}`,
);

describe("parse pool", () => {
  it("gives exactly the in-process parse, for every document shape", async () => {
    const docs: { bytes: Uint8Array; fileName: string }[] = [
      "shuyang-ndrc-2023.html",
      "mudanjiang-education-2019.txt",
      "pingtan-2023-flattened.txt",
      "hongze-district-2024.pdf",
    ].map((name) => ({ bytes: read(name), fileName: name }));
    const shapes: Rendering[] = ["html", "text-lines", "run-together", "markdown", "docx", "pdf"];
    for (const [i, shape] of shapes.entries()) {
      const sample = await generateSample(100 + i, shape, { messiness: 0.3 });
      docs.push({ bytes: sample.document.bytes, fileName: sample.document.fileName });
    }
    docs.push({ bytes: text("<html><body>今日要闻</body></html>"), fileName: "news.html" });
    const pool = new ParsePool(2);
    try {
      const viaPool = await Promise.all(docs.map((d) => pool.parse({ ...d, metadata: { year: 2023 } })));
      for (const [i, d] of docs.entries()) {
        expect(viaPool[i], d.fileName).toEqual(await parseForIngest({ ...d, metadata: { year: 2023 } }));
      }
      // The caller keeps its bytes: the worker gets a transferred copy.
      expect(docs.every((d) => d.bytes.byteLength > 0)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("turns a crashed or hung worker into a rejection of that document and goes on", async () => {
    // The limit must exceed a good document's first parse in a fresh worker on a busy machine (modules load then).
    const pool = new ParsePool(1, { entry: FAULTY_WORKER, hardTimeoutMs: 10_000 });
    try {
      const good = read("mudanjiang-education-2019.txt");
      const results = await Promise.all(
        [good, text("HANG"), good, text("CRASH"), good].map((bytes) => pool.parse({ bytes, fileName: "x.txt" })),
      );
      expect(results.map((r) => ("issues" in r ? "parsed" : r.code))).toEqual([
        "parsed",
        "TIMEOUT",
        "parsed",
        "PARSER_FAILURE",
        "parsed",
      ]);
      expect((results[1] as { reason: string }).reason).toMatch(/解析超时/);
      expect((results[3] as { reason: string }).reason).toMatch(/解析线程异常退出：boom/);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("fails, instead of rejecting every document, when a worker cannot start", async () => {
    const pool = new ParsePool(1, { entry: new URL("file:///nonexistent/parse-worker.ts") });
    await expect(pool.parse({ bytes: text("x") })).rejects.toThrow(/解析线程无法启动/);
    await pool.close();
  }, 30_000);
});

describe.each<DriverKind>(["postgres", "pglite"])("batch ingestion with parse workers on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("stores the versions of one agency-year in batch order while others overtake", async () => {
    const base = new TextDecoder().decode(read("mudanjiang-education-2019.txt"));
    const version = (i: number) => text(`${base}\n（第 ${i} 次更正）\n`);
    const others = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (seed) => (await generateSample(seed, "html", { messiness: 0.1 })).document),
    );
    const batch = [
      { label: "v0", bytes: version(0) },
      { label: "o1", bytes: others[0].bytes },
      { label: "v1", bytes: version(1) },
      { label: "o2", bytes: others[1].bytes },
      { label: "o3", bytes: others[2].bytes },
      { label: "v2", bytes: version(2) },
      { label: "v1-again", bytes: version(1) },
      { label: "o4", bytes: others[3].bytes },
      { label: "v3", bytes: version(3) },
      { label: "o5", bytes: others[4].bytes },
      { label: "o6", bytes: others[5].bytes },
      { label: "bad", bytes: text("not a report") },
    ];
    const concurrency = kind === "postgres" ? 4 : 1;
    const { results } = await ingestBatch(t.db, items(batch), { workers: 2, concurrency });
    const status = Object.fromEntries(results.map((r) => [r.file, r.status]));
    expect([status.v0, status.v1, status.v2, status["v1-again"], status.v3, status.bad]).toEqual([
      "new",
      "updated",
      "updated",
      "unchanged",
      "updated",
      "rejected",
    ]);
    const v3 = results.find((r) => r.file === "v3");
    if (!v3 || v3.status === "rejected") throw new Error("unreachable");
    const versions = await t.db
      .select({ isCurrent: reports.isCurrent, file: sourceDocuments.fileName })
      .from(reports)
      .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.sourceDocumentId))
      .where(eq(reports.agencyId, v3.agencyId))
      .orderBy(reports.id);
    expect(versions).toEqual([
      { isCurrent: false, file: "v0" },
      { isCurrent: false, file: "v1" },
      { isCurrent: false, file: "v2" },
      { isCurrent: true, file: "v3" },
    ]);

    // A re-run needs no parsing: every stored document is "unchanged", the rejected one is tried again.
    const again = await ingestBatch(t.db, items(batch), { workers: 2, concurrency });
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: batch.length - 1, rejected: 1 });
    expect(again.results.find((r) => r.file === "v3")).toEqual({ ...v3, status: "unchanged" });
  }, 180_000);

  it("parses the same bytes again when they come with different metadata", async () => {
    const bytes = read("shuyang-ndrc-2023.html");
    const first = await ingestBatch(t.db, items([{ label: "a", bytes }]), { workers: 1 });
    const renamed = await ingestBatch(t.db, items([{ label: "b", bytes, metadata: { agency: "沭阳县某某局" } }]), {
      workers: 1,
    });
    const same = await ingestBatch(t.db, items([{ label: "c", bytes, metadata: { agency: "沭阳县某某局" } }]), {
      workers: 1,
    });
    expect([first, renamed, same].map((b) => b.results[0].status)).toEqual(["new", "new", "unchanged"]);
    const named = await t.db.select().from(agencies).where(eq(agencies.name, "沭阳县某某局"));
    expect(named).toHaveLength(1);
  }, 120_000);
});
