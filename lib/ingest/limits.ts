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

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** The reason a file over its size limit is rejected (code FILE_TOO_LARGE). */
export function describeTooLarge(size: number, limit: number): string {
  const shown = formatBytes(size);
  if (shown !== formatBytes(limit)) return `文件过大（${shown}，上限 ${formatBytes(limit)}）。`;
  // Just over the limit both round to the same figure: say it in bytes.
  const bytes = (n: number) => `${n.toLocaleString("zh-CN")} 字节`;
  return `文件过大（${bytes(size)}，上限 ${bytes(limit)}，超出 ${bytes(size - limit)}）。`;
}
