import "server-only";
import type { Db } from "@/db/client";
import { seedRegions } from "@/lib/setup/seed-regions";
import type { IngestOutcome } from "./ingest-types";
import type { PreparedDocument } from "./prepare-document";
import { recordRejectedDocument } from "./record-rejected-document";
import { isDocumentFault, readSqlState, retryOnConflict } from "./retry-on-conflict";
import { storeParsedReport } from "./store-parsed-report";

/** The database half of an ingest: one transaction per document; the original bytes are kept even when rejected. */
export async function storePreparedDocument(db: Db, prepared: PreparedDocument): Promise<IngestOutcome> {
  const { input, digest, parsed } = prepared;
  await seedRegions(db);
  if (!("issues" in parsed)) {
    await recordRejectedDocument(db, input, digest, parsed);
    return { status: "rejected", code: parsed.code, reason: parsed.reason };
  }
  try {
    // A concurrent ingest of the same document or agency-year loses the race on a unique index: run it again.
    return await retryOnConflict(() => storeParsedReport(db, input, digest, parsed));
  } catch (error) {
    const state = readSqlState(error);
    if (!isDocumentFault(state)) throw error;
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    const rejection = { code: "STORE_FAILED", reason: `报告内容无法写入数据库（${state}）：${cause}` };
    await recordRejectedDocument(db, input, digest, rejection);
    return { status: "rejected", ...rejection };
  }
}
