/** Sizes as a user reads them (no server-only: the parser names its own limit with them too). */
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
