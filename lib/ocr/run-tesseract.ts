import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { OcrEngineError } from "./ocr-errors";
import type { Box } from "./raster";

/** A word Tesseract read: its text, confidence (0–100), box in its image, and which line of the image it is on. */
export type OcrWord = { text: string; conf: number; box: Box; line: number };

export type TesseractOptions = {
  lang: string;
  psm: number;
  /** Characters Tesseract may answer with (digits for a number cell). */
  whitelist?: string;
  timeoutMs: number;
};

/**
 * Reads many images in one Tesseract process (a list file: the model loads once), returning each image's words.
 * One thread per process: the parse workers already use every core, and OpenMP's spinning threads cost more than
 * they give on small images.
 */
export async function recognizeImages(images: Uint8Array[], opts: TesseractOptions): Promise<OcrWord[][]> {
  if (images.length === 0) return [];
  const dir = await mkdtemp(path.join(os.tmpdir(), "ogi-ocr-"));
  try {
    const names = await Promise.all(
      images.map(async (bytes, i) => {
        const name = path.join(dir, `${String(i).padStart(5, "0")}.png`);
        await writeFile(name, bytes);
        return name;
      }),
    );
    const list = path.join(dir, "list.txt");
    await writeFile(list, `${names.join("\n")}\n`);
    const args = [list, "stdout", "-l", opts.lang, "--psm", String(opts.psm), "-c", "debug_file=/dev/null"];
    if (opts.whitelist) args.push("-c", `tessedit_char_whitelist=${opts.whitelist}`);
    args.push("tsv");
    const tsv = await runTesseract(args, opts.timeoutMs);
    return parseTsv(tsv, images.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runTesseract(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "tesseract",
      args,
      {
        timeout: Math.max(1, Math.round(timeoutMs)),
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      },
      (error, stdout) => {
        if (!error) return resolve(stdout);
        const e = error as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === "ENOENT") return reject(new OcrEngineError("MISSING", "未安装 Tesseract OCR 引擎"));
        if (e.killed) return reject(new OcrEngineError("TIMEOUT", "OCR 识别超时"));
        reject(new OcrEngineError("FAILED", `OCR 识别失败：${String(e.message).slice(0, 200)}`));
      },
    );
  });
}

function parseTsv(tsv: string, count: number): OcrWord[][] {
  const out: OcrWord[][] = Array.from({ length: count }, () => []);
  for (const row of tsv.split("\n")) {
    const f = row.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const page = Number(f[1]) - 1;
    const text = f[11].trim();
    if (!text || !out[page]) continue;
    out[page].push({
      text,
      conf: Number(f[10]),
      box: { x: Number(f[6]), y: Number(f[7]), w: Number(f[8]), h: Number(f[9]) },
      line: Number(f[2]) * 10_000 + Number(f[3]) * 100 + Number(f[4]),
    });
  }
  return out;
}
