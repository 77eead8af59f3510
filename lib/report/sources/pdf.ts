import path from "node:path";
import { ReportParseError, type TimeBudget } from "../errors";
import { normaliseRadicals } from "../radicals";
import { isPageNumber } from "./page-furniture";
import { attachWrappedLabels, joinWrappedNumbers, mergeSplitRows, type RawLine, stitchPageBreaks } from "./pdf-rows";
import { isCompleteRowLabel } from "./text";

type TextItem = { str: string; transform: number[]; width: number; height: number };
type Glyph = { s: string; x: number; y: number; w: number; size: number };

const MAX_PAGES = 60;

let assetDirs: { cMapUrl: string; standardFontDataUrl: string } | null = null;
function getAssetDirs() {
  if (!assetDirs) {
    // The Next build turns a literal `require.resolve` into a module id (a number, not a path): ask Node itself.
    const { createRequire } = process.getBuiltinModule("node:module");
    const root = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    assetDirs = { cMapUrl: `${root}/cmaps/`, standardFontDataUrl: `${root}/standard_fonts/` };
  }
  return assetDirs;
}

/** A line of text with the horizontal centre of each whitespace-separated chunk (to place numbers in columns). */
export type PdfLine = { text: string; xs: number[] };

/** Groups a page's text items into lines by baseline, ordered top to bottom, left to right. */
function pageLines(items: Glyph[]): RawLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Glyph[][] = [];
  for (const g of sorted) {
    const line = lines[lines.length - 1];
    if (line) {
      const ref = line[0];
      const tol = Math.max(2, 0.45 * Math.min(Math.max(ref.size, g.size), 2 * Math.min(ref.size, g.size)));
      if (Math.abs(ref.y - g.y) <= tol) {
        line.push(g);
        continue;
      }
    }
    lines.push([g]);
  }
  const raw: RawLine[] = [];
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    const chunks: { text: string; x0: number; x1: number }[] = [];
    let end = Number.NEGATIVE_INFINITY;
    for (const g of line) {
      const parts = g.s.split(/\s+/).filter(Boolean);
      const glued = chunks.length > 0 && g.x - end <= 0.25 * g.size && !/^\s/.test(g.s);
      parts.forEach((part, i) => {
        const x0 = g.x + (g.w * i) / parts.length;
        const x1 = g.x + (g.w * (i + 1)) / parts.length;
        if (i === 0 && glued) {
          const last = chunks[chunks.length - 1];
          last.text += part;
          last.x1 = x1;
        } else chunks.push({ text: part, x0, x1 });
      });
      end = Math.max(end, g.x + g.w);
    }
    const text = chunks.map((c) => c.text).join(" ");
    if (text && !isPageNumber(text)) raw.push({ y: line[0].y, size: Math.max(...line.map((g) => g.size)), chunks });
  }
  return attachWrappedLabels(mergeSplitRows(joinWrappedNumbers(raw)), isCompleteRowLabel);
}

function toPdfLine(l: RawLine): PdfLine {
  return { text: l.chunks.map((c) => c.text).join(" "), xs: l.chunks.map((c) => (c.x0 + c.x1) / 2) };
}

function pdfDate(raw: unknown): string | null {
  const m = typeof raw === "string" ? /D:(\d{4})(\d{2})(\d{2})/.exec(raw) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsLoading: Promise<PdfJs> | null = null;

type Slot = [object, PropertyKey];
// The legacy build's core-js replaces these built-ins on Node 20 with JS versions (JSON.stringify ~25× slower,
// Array.prototype.push ~2×) for every caller in the process; pdf.js needs none of what they add.
const KEEP_NATIVE: Slot[] = [
  [Array.prototype, "push"],
  [JSON, "parse"],
  [JSON, "stringify"],
];

/** Loads pdf.js and its worker code once per process, outside any document's time budget. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= (async () => {
    const natives = KEEP_NATIVE.map(([o, k]) => Object.getOwnPropertyDescriptor(o, k)!);
    // Under tsx every module carries an inline source map, and core-js reads `new Error().stack` while loading:
    // Node would parse pdf.js's multi-megabyte map (about a second) for nothing.
    const sourceMaps = process.sourceMapsEnabled;
    if (sourceMaps) process.setSourceMapsEnabled(false);
    try {
      // The minified builds are the same code; they halve what a transpiling loader (tsx) has to process.
      const [lib, worker] = await Promise.all([
        import("pdfjs-dist/legacy/build/pdf.min.mjs") as Promise<PdfJs>,
        import("pdfjs-dist/legacy/build/pdf.worker.min.mjs"),
      ]);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return lib;
    } finally {
      if (sourceMaps) process.setSourceMapsEnabled(true);
      KEEP_NATIVE.forEach(([o, k], i) => {
        Object.defineProperty(o, k, natives[i]);
      });
    }
  })();
  return pdfjsLoading;
}

// Loading takes from half a second (node) to a few (tsx, busy machine): start it with the parser so that the
// first PDF of a process does not wait for it. A failure surfaces when a PDF needs pdf.js.
loadPdfJs().catch(() => {});

export async function extractPdf(
  bytes: Uint8Array,
  budget: TimeBudget,
): Promise<{ lines: PdfLine[]; fileDate: string | null }> {
  const pdfjs = await loadPdfJs();
  const { cMapUrl, standardFontDataUrl } = getAssetDirs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ReportParseError("TIMEOUT", "解析超时：PDF 文档在规定时间内未能读取完成")),
      Math.max(50, budget.remainingMs()),
    );
  });
  timeout.catch(() => {});
  try {
    const doc = await Promise.race([task.promise, timeout]).catch((error: unknown) => {
      if (error instanceof ReportParseError) throw error;
      const name = (error as { name?: string })?.name ?? "";
      if (name === "PasswordException") throw new ReportParseError("ENCRYPTED_PDF", "PDF 文件已加密，需要密码才能读取");
      throw new ReportParseError("CORRUPT_FILE", "PDF 文件已损坏或不完整，无法读取");
    });
    const pagesLines: RawLine[][] = [];
    let chars = 0;
    const pages = Math.min(doc.numPages, MAX_PAGES);
    for (let p = 1; p <= pages; p++) {
      budget.checkNow();
      const page = await Promise.race([doc.getPage(p), timeout]);
      const content = await Promise.race([page.getTextContent(), timeout]);
      const glyphs: Glyph[] = [];
      for (const it of content.items as TextItem[]) {
        if (typeof it.str !== "string" || !it.str.trim()) continue;
        const [a, b, , d, x, y] = it.transform;
        const size = Math.hypot(a, b) || Math.abs(d) || 10;
        glyphs.push({ s: normaliseRadicals(it.str), x, y, w: it.width, size });
        chars += it.str.trim().length;
      }
      pagesLines.push(pageLines(glyphs));
      page.cleanup();
    }
    let fileDate: string | null = null;
    try {
      const meta = await Promise.race([doc.getMetadata(), timeout]);
      const info = meta.info as Record<string, unknown>;
      fileDate = pdfDate(info?.CreationDate) ?? pdfDate(info?.ModDate);
    } catch {
      fileDate = null;
    }
    await doc.destroy();
    if (chars < (20 * Math.max(1, Math.min(pages, 3))) / 3) {
      throw new ReportParseError(
        "NO_TEXT_LAYER",
        "PDF 没有文字层（可能是扫描件），无法读取表格数据，请提供可复制文字的版本",
      );
    }
    return { lines: stitchPageBreaks(pagesLines).map(toPdfLine), fileDate };
  } finally {
    clearTimeout(timer);
    task.destroy().catch(() => {});
  }
}
