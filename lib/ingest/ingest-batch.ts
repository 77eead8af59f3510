import "server-only";
import type { Db } from "@/db/client";
import type { SourceItem } from "./collect-sources";
import { type IngestOutcome, ingestDocument } from "./ingest-document";
import type { DocumentMetadata } from "./metadata";

export type FileResult = { file: string } & IngestOutcome;
export type BatchSummary = { results: FileResult[]; counts: Record<IngestOutcome["status"], number>; seconds: number };

/** Ingests documents one by one (each in its own transaction), reporting each result as it finishes. */
export async function ingestBatch(
  db: Db,
  sources: AsyncIterable<SourceItem>,
  options: { metadata?: DocumentMetadata; onResult?: (result: FileResult) => void } = {},
): Promise<BatchSummary> {
  const started = performance.now();
  const results: FileResult[] = [];
  const counts = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  for await (const item of sources) {
    const outcome: IngestOutcome =
      "rejected" in item
        ? { status: "rejected", ...item.rejected }
        : await ingestDocument(db, {
            bytes: item.bytes,
            fileName: item.fileName,
            metadata: { ...item.metadata, ...options.metadata },
          });
    const result = { file: item.label, ...outcome };
    counts[outcome.status]++;
    results.push(result);
    options.onResult?.(result);
  }
  return { results, counts, seconds: (performance.now() - started) / 1000 };
}
