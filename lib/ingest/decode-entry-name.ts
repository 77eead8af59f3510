import iconv from "iconv-lite";

/** Zip entry names are UTF-8 when flagged, else whatever the packer's locale was — GBK on Chinese Windows. */
export function decodeEntryName(raw: Buffer, utf8Flag: boolean): string {
  if (utf8Flag) return raw.toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return iconv.decode(raw, "gb18030");
  }
}

/** Entry paths that would escape the extraction folder are refused. */
export function isUnsafeEntryPath(name: string): boolean {
  const normalised = name.replace(/\\/g, "/");
  return normalised.startsWith("/") || /^[a-zA-Z]:/.test(normalised) || normalised.split("/").includes("..");
}
