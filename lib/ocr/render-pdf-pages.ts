import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { OcrEngineError } from "./ocr-errors";

export const RENDER_DPI = 300;

/** Renders pages of a PDF to PNG images with poppler's pdftoppm (all pages when `pages` is omitted). */
export async function renderPdfPages(
  pdf: Uint8Array,
  opts: { pages?: number[]; timeoutMs: number; dpi?: number },
): Promise<{ page: number; png: Uint8Array }[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ogi-pdf-"));
  try {
    const input = path.join(dir, "in.pdf");
    await writeFile(input, pdf);
    const wanted = opts.pages ?? null;
    const ranges = wanted ? wanted.map((p) => [p, p]) : [[0, 0]];
    for (const [first, last] of ranges) {
      const args = ["-r", String(opts.dpi ?? RENDER_DPI), "-png"];
      if (first > 0) args.push("-f", String(first), "-l", String(last));
      args.push(input, path.join(dir, "p"));
      await run("pdftoppm", args, opts.timeoutMs);
    }
    const files = (await readdir(dir)).filter((f) => /^p-\d+\.png$/.test(f));
    const pages = await Promise.all(
      files.map(async (f) => ({ page: Number(/(\d+)\.png$/.exec(f)![1]), png: await readFile(path.join(dir, f)) })),
    );
    return pages.sort((a, b) => a.page - b.page).map((p) => ({ page: p.page, png: new Uint8Array(p.png) }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: Math.max(1, Math.round(timeoutMs)) }, (error) => {
      if (!error) return resolve();
      const e = error as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === "ENOENT")
        return reject(new OcrEngineError("MISSING", "未安装 poppler-utils（pdftoppm），无法渲染扫描页"));
      if (e.killed) return reject(new OcrEngineError("TIMEOUT", "扫描页渲染超时"));
      reject(new OcrEngineError("FAILED", "扫描页渲染失败：PDF 文件可能已损坏"));
    });
  });
}
