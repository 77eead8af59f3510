import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { forgetDatasetVersion } from "@/lib/queries/dataset-cache";
import { drainPendingRollups } from "@/lib/rollups/pending-rollups";
import { collectSources } from "./collect-sources";
import { type FileResult, ingestBatch } from "./ingest-batch";
import { ingestDocument } from "./ingest-document";
import { describeTooLarge, type IngestLimits } from "./limits";

/** Ingests one uploaded file (a document or a .zip of documents) through the same pipeline and limits as the CLI. */
export async function ingestUpload(db: Db, file: File, limits: IngestLimits): Promise<FileResult[]> {
  const isZip = /\.zip$/i.test(file.name);
  const cap = isZip ? limits.maxArchiveBytes : limits.maxFileBytes;
  if (file.size > cap) {
    return [
      {
        file: file.name,
        status: "rejected",
        code: "FILE_TOO_LARGE",
        reason: describeTooLarge(file.size, cap),
      },
    ];
  }
  if (!isZip) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const outcome = await ingestDocument(db, { bytes, fileName: file.name, mediaType: file.type || undefined });
    await drainPendingRollups(db);
    forgetDatasetVersion(db);
    return [{ file: file.name, ...outcome }];
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-upload-"));
  try {
    const zipPath = path.join(dir, "upload.zip");
    fs.writeFileSync(zipPath, new Uint8Array(await file.arrayBuffer()));
    const { results } = await ingestBatch(db, collectSources([zipPath], limits));
    forgetDatasetVersion(db);
    return results.map((r) => ({ ...r, file: `${file.name}!${r.file.split("!").slice(1).join("!")}` }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
