import "server-only";
import fs from "node:fs";
import type { Db } from "@/db/client";
import { forgetDatasetVersion } from "@/lib/queries/dataset-cache";
import { collectSources, type SourceItem } from "./collect-sources";
import { type FileResult, ingestBatch } from "./ingest-batch";
import type { IngestLimits } from "./limits";
import { isZipName, type ReceivedFile } from "./receive-upload";
import { withUploadParsePool } from "./upload-parse-pool";

async function* sourcesOf(files: ReceivedFile[], limits: IngestLimits): AsyncGenerator<SourceItem> {
  for (const file of files) {
    if (!isZipName(file.name)) {
      const bytes = new Uint8Array(await fs.promises.readFile(file.path));
      yield { label: file.name, fileName: file.name, bytes, mediaType: file.mediaType };
      continue;
    }
    for await (const item of collectSources([file.path], limits)) {
      // Entries are named after the uploaded archive, not the temporary file it was written to.
      const inside = item.label.split("!").slice(1).join("!");
      yield { ...item, label: inside ? `${file.name}!${inside}` : file.name };
    }
  }
}

/**
 * Ingests uploaded files (documents and .zip archives of documents, already on disk: `receiveUpload`) through the
 * CLI's pipeline and limits, parsing in the server's worker pool so that other requests are answered meanwhile.
 */
export async function ingestUploadedFiles(db: Db, files: ReceivedFile[], limits: IngestLimits): Promise<FileResult[]> {
  const { results } = await withUploadParsePool((pool) => ingestBatch(db, sourcesOf(files, limits), { pool }));
  forgetDatasetVersion(db);
  return results;
}
