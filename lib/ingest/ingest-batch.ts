import "server-only";
import type { Db } from "@/db/client";
import { drainPendingRollups } from "@/lib/rollups/pending-rollups";
import type { SourceItem } from "./collect-sources";
import { findStoredReports, findUnchangedOutcome } from "./find-stored-reports";
import { hashBytes } from "./hash-bytes";
import type { IngestInput, IngestOutcome } from "./ingest-types";
import type { DocumentMetadata } from "./metadata";
import { ParsePool } from "./parse-pool";
import { parseForIngest } from "./parse-pool-task";
import { type PreparedDocument, prepareParsedDocument } from "./prepare-document";
import { storePreparedDocument } from "./store-document";

export type FileResult = { file: string } & IngestOutcome;
/** Stores in flight at once: a PostgreSQL pool overlaps them; PGlite is one connection, so one at a time. */
export const defaultConcurrency = (kind: "pglite" | "postgres") => (kind === "postgres" ? 4 : 1);

export type BatchSummary = { results: FileResult[]; counts: Record<IngestOutcome["status"], number>; seconds: number };
export type BatchOptions = {
  metadata?: DocumentMetadata;
  /** Stores in flight at once (see `defaultConcurrency`). */
  concurrency?: number;
  /** Parse worker threads (see `resolveParseWorkers`); 0 or unset parses in this thread. */
  workers?: number;
  /** A pool that outlives the batch (the server's, for uploads): used instead of `workers`, and left open. */
  pool?: ParsePool;
  onResult?: (result: FileResult) => void;
};

/** Documents hashed and looked up together (one query for the bytes already stored), capped by count and size. */
const LOOKUP_BATCH = 16;
const LOOKUP_BYTES = 32 * 1024 * 1024;

type Ahead = { at: number; label: string; next: () => Promise<PreparedDocument | IngestOutcome> };

/**
 * Ingests documents (each in its own transaction), reporting each result as it finishes. Bytes already stored with
 * the same metadata are "unchanged" without being parsed. Parsing runs in worker threads when `workers` > 0, ahead of
 * the stores but boundedly so (memory stays flat); stores are scheduled in batch order, up to `concurrency` at once,
 * and two documents of the same agency-year (or the same bytes) are always stored in batch order, so the result is
 * the same as a one-by-one run.
 */
export async function ingestBatch(
  db: Db,
  sources: AsyncIterable<SourceItem>,
  options: BatchOptions = {},
): Promise<BatchSummary> {
  const started = performance.now();
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const ownPool = !options.pool && options.workers && options.workers > 0 ? new ParsePool(options.workers) : null;
  const pool = options.pool ?? ownPool;
  const parse = pool ? (input: IngestInput) => pool.parse(input) : parseForIngest;
  // Parses queued or running ahead of the store stage: enough to keep every worker busy, few enough to bound memory.
  const aheadLimit = pool ? pool.size * 2 + concurrency : 1;
  const results: (FileResult | undefined)[] = [];
  const counts = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  const lastStoreOf = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<unknown>>();
  const finish = (index: number, result: FileResult) => {
    results[index] = result;
    counts[result.status]++;
    options.onResult?.(result);
  };
  const ahead: Ahead[] = [];
  let lookup: { at: number; label: string; input: IngestInput; digest: string }[] = [];
  let lookupBytes = 0;

  const flushLookup = async () => {
    const batch = lookup;
    lookup = [];
    lookupBytes = 0;
    const stored = await findStoredReports(
      db,
      batch.map((d) => d.digest),
    );
    for (const { at, label, input, digest } of batch) {
      const unchanged = findUnchangedOutcome(stored.get(digest), input.metadata);
      const run = () => parse(input).then((parsed) => prepareParsedDocument(input, digest, parsed));
      if (unchanged) ahead.push({ at, label, next: () => Promise.resolve(unchanged) });
      else if (!pool)
        ahead.push({ at, label, next: run }); // in-process: parse when its turn comes
      else {
        const started = run();
        started.catch(() => {}); // a failed pool surfaces when this entry is drained
        ahead.push({ at, label, next: () => started });
      }
    }
  };

  const drainOne = async () => {
    const { at, label, next } = ahead.shift()!;
    const prepared = await next();
    if (!("input" in prepared)) {
      finish(at, { file: label, ...prepared });
      return;
    }
    const before = lastStoreOf.get(prepared.orderKey) ?? Promise.resolve();
    const store = before
      .then(() => storePreparedDocument(db, prepared))
      .then((outcome) => finish(at, { file: label, ...outcome }));
    lastStoreOf.set(prepared.orderKey, store);
    inFlight.add(store);
    store
      .finally(() => {
        inFlight.delete(store);
        if (lastStoreOf.get(prepared.orderKey) === store) lastStoreOf.delete(prepared.orderKey);
      })
      .catch(() => {}); // the failure itself surfaces through Promise.race / Promise.all below
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };

  try {
    let index = 0;
    for await (const item of sources) {
      const at = index++;
      if ("rejected" in item) {
        finish(at, { file: item.label, status: "rejected", ...item.rejected });
        continue;
      }
      const metadata = { ...item.metadata, ...options.metadata };
      const input = { bytes: item.bytes, fileName: item.fileName, mediaType: item.mediaType, metadata };
      lookup.push({ at, label: item.label, input, digest: hashBytes(item.bytes) });
      lookupBytes += item.bytes.byteLength;
      if (lookup.length >= LOOKUP_BATCH || lookupBytes >= LOOKUP_BYTES) await flushLookup();
      while (ahead.length > aheadLimit) await drainOne();
    }
    await flushLookup();
    while (ahead.length > 0) await drainOne();
    await Promise.all(inFlight);
  } finally {
    await ownPool?.close();
  }
  // The batch's rollup groups, each recomputed once rather than once per document.
  await drainPendingRollups(db);
  return {
    results: results.filter((r): r is FileResult => !!r),
    counts,
    seconds: (performance.now() - started) / 1000,
  };
}
