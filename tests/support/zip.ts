import yazl from "yazl";

/**
 * Builds a zip in memory. A Buffer name is written byte for byte without the UTF-8 flag (a GBK name, or a hostile
 * "../x" that yazl itself refuses): the entry is added under a same-length placeholder that is patched afterwards.
 */
export async function buildZip(entries: { name: string | Buffer; data: Buffer | Uint8Array }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const patches: { placeholder: Buffer; raw: Buffer }[] = [];
  entries.forEach((e, i) => {
    let name = e.name as string;
    if (Buffer.isBuffer(e.name)) {
      const placeholder = Buffer.from(`r${i}`.padEnd(e.name.length, "_"));
      patches.push({ placeholder, raw: e.name });
      name = placeholder.toString();
    }
    zip.addBuffer(Buffer.from(e.data), name);
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const out = Buffer.concat(chunks);
  for (const { placeholder, raw } of patches) {
    for (let at = out.indexOf(placeholder); at !== -1; at = out.indexOf(placeholder, at + 1)) raw.copy(out, at);
  }
  if (patches.length) clearUtf8Flags(out);
  return out;
}

function clearUtf8Flags(buf: Buffer): void {
  for (let i = 0; i + 4 <= buf.length; i++) {
    const sig = buf.readUInt32LE(i);
    if (sig === 0x04034b50) buf.writeUInt16LE(buf.readUInt16LE(i + 6) & ~0x800, i + 6);
    else if (sig === 0x02014b50) buf.writeUInt16LE(buf.readUInt16LE(i + 8) & ~0x800, i + 8);
  }
}
