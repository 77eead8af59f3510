import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { describeTooLarge, formatBytes } from "@/lib/report/describe-size";
import type { IngestLimits } from "./limits";
import type { DocumentMetadata } from "./metadata";
import { isUnsafeEntryPath, listZipEntries, openZip, readZipEntry, type ZipEntry } from "./zip-archive";

/** One document found in the inputs, or the reason it cannot be taken. */
export type SourceItem =
  | { label: string; fileName: string; bytes: Uint8Array; mediaType?: string; metadata?: DocumentMetadata }
  | { label: string; fileName: string; rejected: { code: string; reason: string } };

const MANIFEST = "manifest.csv";
const IGNORED = new Set([MANIFEST, ".DS_Store", "Thumbs.db", "desktop.ini"]);

function rejectItem(label: string, code: string, reason: string): SourceItem {
  return {
    label,
    fileName: path.posix.basename(label.split("!").at(-1)!.replace(/\\/g, "/")),
    rejected: { code, reason },
  };
}

/** manifest.csv: file, agency, region, year, published — header names in English or Chinese. */
export function readManifest(text: string): Map<string, DocumentMetadata> {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
  const pick = (row: Record<string, string>, ...keys: string[]) => keys.map((k) => row[k]).find((v) => v) || undefined;
  const map = new Map<string, DocumentMetadata>();
  for (const row of rows) {
    const file = pick(row, "file", "文件", "文件名");
    if (!file) continue;
    const year = pick(row, "year", "年度");
    map.set(file.replace(/\\/g, "/"), {
      agency: pick(row, "agency", "机关", "机关名称"),
      regionCode: pick(row, "region", "region_code", "地区代码"),
      year: year ? Number(year) : undefined,
      publishedAt: pick(row, "published", "published_at", "发布日期"),
    });
  }
  return map;
}

function loadManifest(dir: string): Map<string, DocumentMetadata> {
  const file = path.join(dir, MANIFEST);
  return fs.existsSync(file) ? readManifest(fs.readFileSync(file, "utf8")) : new Map();
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Below this much expanded data a high compression ratio is harmless (a folder of small HTML pages). */
const MIN_BOMB_BYTES = 8 * 1024 * 1024;

async function* readZip(zipPath: string, limits: IngestLimits): AsyncGenerator<SourceItem> {
  const opened = await openZip(zipPath, { autoClose: true }).catch((error: Error) => error);
  if (opened instanceof Error) {
    yield rejectItem(
      zipPath,
      "CORRUPT_ARCHIVE",
      "压缩包无法打开：文件不是有效的压缩包，或已损坏（空文件也无法打开）。",
    );
    return;
  }
  let entries: ZipEntry[];
  try {
    entries = await listZipEntries(opened);
  } catch {
    yield rejectItem(zipPath, "CORRUPT_ARCHIVE", "压缩包已损坏：无法读出其中的文件列表。");
    return;
  }
  const files = entries.filter((e) => !e.name.endsWith("/"));
  if (files.length > limits.maxArchiveEntries) {
    yield rejectItem(
      zipPath,
      "ARCHIVE_TOO_MANY_ENTRIES",
      `压缩包内文件过多（${files.length} 个，上限 ${limits.maxArchiveEntries} 个）。`,
    );
    return;
  }
  // Many small entries pass the per-entry check: bound what the whole archive expands to against its own size.
  const expanded = files.reduce((sum, f) => sum + f.entry.uncompressedSize, 0);
  const archiveBytes = fs.statSync(zipPath).size;
  if (expanded > MIN_BOMB_BYTES && expanded / Math.max(1, archiveBytes) > limits.maxCompressionRatio) {
    yield rejectItem(
      zipPath,
      "SUSPICIOUS_COMPRESSION",
      `压缩包解压后共 ${formatBytes(expanded)}，是压缩包本身（${formatBytes(archiveBytes)}）的 ${Math.round(expanded / Math.max(1, archiveBytes))} 倍，疑似压缩炸弹，已拒绝。`,
    );
    return;
  }
  const manifestEntry = files.find((e) => path.posix.basename(e.name) === MANIFEST);
  let manifest = new Map<string, DocumentMetadata>();
  let total = 0;
  const reader = await openZip(zipPath, { autoClose: false });
  try {
    if (manifestEntry) {
      manifest = readManifest(
        Buffer.from(await readZipEntry(reader, manifestEntry.entry, 10 * 1024 * 1024)).toString("utf8"),
      );
    }
    for (const { name, entry } of files) {
      const label = `${zipPath}!${name}`;
      const base = path.posix.basename(name);
      if (IGNORED.has(base) || name.startsWith("__MACOSX/")) continue;
      if (isUnsafeEntryPath(name)) {
        yield rejectItem(label, "UNSAFE_ENTRY_PATH", `压缩包内的路径“${name}”指向包外（含“..”或绝对路径），已忽略。`);
        continue;
      }
      if (entry.uncompressedSize > limits.maxFileBytes) {
        yield rejectItem(label, "FILE_TOO_LARGE", describeTooLarge(entry.uncompressedSize, limits.maxFileBytes));
        continue;
      }
      const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
      if (ratio > limits.maxCompressionRatio && entry.uncompressedSize > 1024 * 1024) {
        yield rejectItem(
          label,
          "SUSPICIOUS_COMPRESSION",
          `压缩比异常（${Math.round(ratio)}:1），疑似压缩炸弹，已拒绝。`,
        );
        continue;
      }
      if (total + entry.uncompressedSize > limits.maxArchiveBytes) {
        yield rejectItem(
          label,
          "ARCHIVE_TOO_LARGE",
          `压缩包解压后总量超过上限 ${formatBytes(limits.maxArchiveBytes)}，其余文件未导入。`,
        );
        return;
      }
      if (/\.zip$/i.test(base)) {
        yield rejectItem(label, "NESTED_ARCHIVE", "不支持压缩包内再嵌套压缩包，请解压后分别导入。");
        continue;
      }
      try {
        const bytes = await readZipEntry(reader, entry, limits.maxFileBytes);
        total += bytes.byteLength;
        yield { label, fileName: base, bytes, metadata: manifest.get(name) ?? manifest.get(base) };
      } catch (error) {
        const tooBig = (error as Error).message === "SIZE_LIMIT";
        yield rejectItem(
          label,
          tooBig ? "FILE_TOO_LARGE" : "CORRUPT_ARCHIVE",
          tooBig ? `文件解压后超过上限 ${formatBytes(limits.maxFileBytes)}。` : "压缩包内的这个文件已损坏，无法读取。",
        );
      }
    }
  } finally {
    reader.close();
  }
}

/** Expands files, folders (recursively, with their manifest.csv) and .zip archives into documents, lazily. */
export async function* collectSources(inputs: string[], limits: IngestLimits): AsyncGenerator<SourceItem> {
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      yield rejectItem(input, "NOT_FOUND", "文件或目录不存在。");
      continue;
    }
    const files = stat.isDirectory() ? listFiles(input) : [input];
    const manifests = new Map<string, Map<string, DocumentMetadata>>();
    for (const file of files) {
      const base = path.basename(file);
      if (IGNORED.has(base)) continue;
      if (/\.zip$/i.test(base)) {
        yield* readZip(file, limits);
        continue;
      }
      const size = fs.statSync(file).size;
      if (size > limits.maxFileBytes) {
        yield rejectItem(file, "FILE_TOO_LARGE", describeTooLarge(size, limits.maxFileBytes));
        continue;
      }
      const dir = path.dirname(file);
      if (!manifests.has(dir)) manifests.set(dir, loadManifest(dir));
      const root = stat.isDirectory() ? input : dir;
      const manifest = manifests.get(dir)!;
      const rootManifest = manifests.get(root) ?? loadManifest(root);
      const relative = path.relative(root, file).split(path.sep).join("/");
      yield {
        label: file,
        fileName: base,
        bytes: new Uint8Array(fs.readFileSync(file)),
        metadata: manifest.get(base) ?? rootManifest.get(relative),
      };
    }
  }
}
