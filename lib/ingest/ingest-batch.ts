import "server-only";
import type { Db } from "@/db/client";
import type { SourceItem } from "./collect-sources";
import { type IngestOutcome, prepareDocument, storePreparedDocument } from "./ingest-document";
import type { DocumentMetadata } from "./metadata";

export type FileResult = { file: string } & IngestOutcome;
/** Stores in flight at once: a PostgreSQL pool overlaps them; PGlite is one connection, so one at a time. */
export const defaultConcurrency = (kind: "pglite" | "postgres") => (kind === "postgres" ? 4 : 1);

export type BatchSummary = { results: FileResult[]; counts: Record<IngestOutcome["status"], number>; seconds: number };

/**
 * Ingests documents (each in its own transaction), reporting each result as it finishes. Parsing runs in batch
 * order; with `concurrency` > 1 (a PostgreSQL pool) up to that many stores wait on the database at once, but two
 * documents of the same agency-year (or the same bytes) are always stored in batch order, so the result is the same
 * as a one-by-one run.
 */
export async function ingestBatch(
  db: Db,
  sources: AsyncIterable<SourceItem>,
  options: { metadata?: DocumentMetadata; concurrency?: number; onResult?: (result: FileResult) => void } = {},
): Promise<BatchSummary> {
  const started = performance.now();
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const results: (FileResult | undefined)[] = [];
  const counts = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  const lastStoreOf = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<unknown>>();
  const finish = (index: number, result: FileResult) => {
    results[index] = result;
    counts[result.status]++;
    options.onResult?.(result);
  };
  let index = 0;
  for await (const item of sources) {
    const at = index++;
    if ("rejected" in item) {
      finish(at, { file: item.label, status: "rejected", ...item.rejected });
      continue;
    }
    const prepared = await prepareDocument({
      bytes: item.bytes,
      fileName: item.fileName,
      metadata: { ...item.metadata, ...options.metadata },
    });
    const before = lastStoreOf.get(prepared.orderKey) ?? Promise.resolve();
    const store = before
      .then(() => storePreparedDocument(db, prepared))
      .then((outcome) => finish(at, { file: item.label, ...outcome }));
    lastStoreOf.set(prepared.orderKey, store);
    inFlight.add(store);
    store
      .finally(() => {
        inFlight.delete(store);
        if (lastStoreOf.get(prepared.orderKey) === store) lastStoreOf.delete(prepared.orderKey);
      })
      .catch(() => {}); // the failure itself surfaces through Promise.race / Promise.all below
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return {
    results: results.filter((r): r is FileResult => !!r),
    counts,
    seconds: (performance.now() - started) / 1000,
  };
}
