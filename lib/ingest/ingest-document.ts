import "server-only";
import type { Db } from "@/db/client";
import type { IngestInput, IngestOutcome } from "./ingest-types";
import { prepareDocument } from "./prepare-document";
import { storePreparedDocument } from "./store-document";

/**
 * Parses one document and stores it with its report in one transaction. The original bytes are kept even when
 * parsing fails; the same bytes again are "unchanged"; new bytes for an agency-year already held become current.
 */
export async function ingestDocument(db: Db, input: IngestInput): Promise<IngestOutcome> {
  return storePreparedDocument(db, await prepareDocument(input));
}
