import "server-only";
import type { Db } from "@/db/client";
import { sourceDocuments } from "@/db/schema";
import type { IngestInput } from "./ingest-types";

/** Keeps the original bytes of a document that could not be taken, with the Chinese reason. */
export async function recordRejectedDocument(
  db: Db,
  input: IngestInput,
  digest: string,
  rejection: { code: string; reason: string },
): Promise<void> {
  const fields = {
    status: "rejected",
    errorCode: rejection.code,
    errorMessage: rejection.reason,
    lastParsedAt: new Date(),
  };
  await db
    .insert(sourceDocuments)
    .values({
      sha256: digest,
      content: input.bytes,
      byteSize: input.bytes.byteLength,
      fileName: input.fileName ?? null,
      mediaType: input.mediaType ?? null,
      ...fields,
    })
    .onConflictDoUpdate({ target: sourceDocuments.sha256, set: fields });
}
