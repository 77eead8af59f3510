import "server-only";
/** Ingestion limits; every rejection they cause carries a Chinese reason. */
export type IngestLimits = {
  maxFileBytes: number;
  maxArchiveEntries: number;
  maxArchiveBytes: number;
  maxCompressionRatio: number;
};

export function resolveLimits(overrides: Partial<IngestLimits> = {}): IngestLimits {
  const mb = Number(process.env.OGI_MAX_FILE_MB ?? 50);
  const archiveMb = Number(process.env.OGI_MAX_ARCHIVE_MB ?? 2048);
  return {
    maxFileBytes: mb * 1024 * 1024,
    maxArchiveEntries: 20_000,
    /** Both the archive itself and the sum of its uncompressed entries. */
    maxArchiveBytes: archiveMb * 1024 * 1024,
    maxCompressionRatio: 200,
    ...overrides,
  };
}
