import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { ReportParseError } from "@/lib/report/errors";
import type { ParseOptions } from "@/lib/report/parse-report";
import type { ParsedReport } from "@/lib/report/schema";
import { OcrEngineError } from "./ocr-errors";
import type { OcrPage } from "./ocr-types";
import { listPageImages } from "./page-images";
import { parseScanPages } from "./parse-scan";
import { readPage } from "./read-page";

/** Bumped whenever what OCR reads from the same bytes changes: older cache entries are then ignored. */
export const OCR_VERSION = "1";
export const MAX_OCR_PAGES = 40;
/** One page's OCR on a busy machine; a page needs about 3–4 s on a quiet core. */
export const OCR_PAGE_TIMEOUT_MS = Number(process.env.OGI_OCR_PAGE_TIMEOUT_MS ?? 60_000);

export type OcrProgress = { page: number; pages: number; cached: boolean };

export type ScanOptions = ParseOptions & {
  kind: "pdf" | "image";
  onProgress?: (p: OcrProgress) => void;
  /** Where OCR results are kept by content hash; default OGI_OCR_CACHE_DIR or ./.data/ocr-cache; null for none. */
  cacheDir?: string | null;
};

function resolveCacheDir(opts: ScanOptions): string | null {
  if (opts.cacheDir !== undefined) return opts.cacheDir;
  return process.env.OGI_OCR_CACHE_DIR ?? path.join(process.cwd(), ".data", "ocr-cache");
}

async function readCached(file: string | null): Promise<OcrPage[] | null> {
  if (!file) return null;
  try {
    return JSON.parse(await readFile(file, "utf8")) as OcrPage[];
  } catch {
    return null;
  }
}

async function writeCached(file: string | null, pages: OcrPage[]): Promise<void> {
  if (!file) return;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(pages));
    await rename(tmp, file);
  } catch {
    // A cache that cannot be written costs a second OCR on reparse, nothing else.
  }
}

/**
 * Reads a scanned PDF or an image by OCR, page by page (each within its own time budget, reporting progress), and
 * parses what it read. The OCR of the same bytes is kept by content hash, so a reparse reads the cache.
 */
export async function readScanDocument(bytes: Uint8Array, opts: ScanOptions): Promise<ParsedReport> {
  const dir = resolveCacheDir(opts);
  const hash = createHash("sha256").update(bytes).digest("hex");
  const cacheFile = dir ? path.join(dir, hash.slice(0, 2), `${hash}.v${OCR_VERSION}.json`) : null;
  let pages = await readCached(cacheFile);
  if (pages) opts.onProgress?.({ page: pages.length, pages: pages.length, cached: true });
  else {
    try {
      const images = await listPageImages(bytes, opts.kind, {
        timeoutMs: OCR_PAGE_TIMEOUT_MS,
        maxPages: MAX_OCR_PAGES + 1,
      });
      if (images.length > MAX_OCR_PAGES) {
        throw new ReportParseError("OCR_FAILED", `扫描件共 ${images.length} 页，超过 OCR 识别上限 ${MAX_OCR_PAGES} 页`);
      }
      pages = [];
      for (const image of images.slice(0, MAX_OCR_PAGES)) {
        pages.push(await readPage(image.png, { page: image.page, timeoutMs: OCR_PAGE_TIMEOUT_MS }));
        opts.onProgress?.({ page: image.page, pages: images.length, cached: false });
      }
    } catch (error) {
      if (error instanceof OcrEngineError) throw new ReportParseError("OCR_FAILED", `扫描件无法识别：${error.message}`);
      if (error instanceof ReportParseError) throw error;
      throw new ReportParseError("OCR_FAILED", "扫描件无法识别：图片已损坏或格式不受支持");
    }
    await writeCached(cacheFile, pages);
  }
  try {
    return parseScanPages(pages, opts);
  } catch (error) {
    if (error instanceof ReportParseError && error.code === "NOT_A_REPORT") {
      throw new ReportParseError("NOT_A_REPORT", `扫描件（无文字层）经 OCR 识别后：${error.message}`);
    }
    throw error;
  }
}
