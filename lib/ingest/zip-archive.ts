import "server-only";
import iconv from "iconv-lite";
import yauzl from "yauzl";

export type ZipEntry = { name: string; entry: yauzl.Entry };

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

/** Opens an archive for reading entry by entry, names left as bytes (see `decodeEntryName`). */
export function openZip(zipPath: string, options: { autoClose: boolean }): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, decodeStrings: false, autoClose: options.autoClose }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

/** Every entry of the archive's central directory, with its decoded name. */
export function listZipEntries(zip: yauzl.ZipFile): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  return new Promise((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
      entries.push({ name: decodeEntryName(entry.fileName as unknown as Buffer, utf8), entry });
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/** One entry's bytes; past `cap` bytes the read stops with the error message "SIZE_LIMIT". */
export function readZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > cap) {
          stream.destroy(new Error("SIZE_LIMIT"));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    });
  });
}
