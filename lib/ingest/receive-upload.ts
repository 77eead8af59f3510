import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { InvalidInputError, TooLargeError } from "@/lib/errors";
import { formatBytes } from "@/lib/report/describe-size";
import type { IngestLimits } from "./limits";

export type ReceivedFile = { name: string; path: string; size: number; mediaType?: string };
export type ReceivedUpload = { files: ReceivedFile[]; cleanup: () => void };

export const isZipName = (name: string) => /\.zip$/i.test(name);
/** The cap a file is held to while it streams in: an archive's, or a document's. */
const capOf = (name: string, limits: IngestLimits) => (isZipName(name) ? limits.maxArchiveBytes : limits.maxFileBytes);

const tooLarge = (name: string, cap: number) =>
  new TooLargeError(
    `文件“${name}”过大：超过上限 ${formatBytes(cap)}（${cap.toLocaleString("zh-CN")} 字节），本次上传的文件均未导入。`,
  );
const unreadable = () => new InvalidInputError("上传内容无法读取，请使用表单字段 file 上传文件。", "INVALID_UPLOAD");

/**
 * Streams a multipart upload's `file` parts to a temporary folder, holding each to its cap and the whole upload to
 * the archive cap as bytes arrive (a declared Content-Length is not trusted). Over a cap, the upload stops at once
 * and nothing of it is kept. Memory stays flat whatever the size.
 */
export async function receiveUpload(request: Request, limits: IngestLimits): Promise<ReceivedUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body || !/^multipart\/form-data/i.test(contentType)) throw unreadable();
  let form: busboy.Busboy;
  try {
    form = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { fields: 50, fieldSize: 64 * 1024, files: 1000, parts: 1100, headerPairs: 100 },
    });
  } catch {
    throw unreadable();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-upload-"));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      // Stops reading at once; destroying the parser also ends the file stream being written.
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        source.unpipe();
        source.destroy();
        form.destroy();
        reject(error);
      };
      form.on("file", (field, stream, info) => {
        const name = path.posix.basename((info.filename ?? "").replace(/\\/g, "/"));
        if (failed || field !== "file" || !name) {
          stream.resume();
          return;
        }
        const cap = capOf(name, limits);
        const file: ReceivedFile = {
          name,
          // The extension is kept: the archive reader and the parser go by it.
          path: path.join(dir, `${files.length}${/\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? ""}`),
          size: 0,
          mediaType: info.mimeType || undefined,
        };
        files.push(file);
        const counted = async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            file.size += chunk.length;
            total += chunk.length;
            if (file.size > cap) throw tooLarge(name, cap);
            if (total > limits.maxArchiveBytes) throw tooLarge(name, limits.maxArchiveBytes);
            yield chunk;
          }
        };
        const write = pipeline(stream, counted, fs.createWriteStream(file.path));
        write.catch((error: Error) => fail(error instanceof TooLargeError ? error : unreadable()));
        writes.push(write);
      });
      form.on("error", () => fail(unreadable()));
      form.on("close", () => {
        Promise.all(writes).then(() => {
          if (!failed) resolve();
        }, fail);
      });
      source.on("error", () => fail(unreadable()));
      source.pipe(form);
    });
  } catch (error) {
    await Promise.allSettled(writes);
    cleanup();
    throw error;
  }
  return { files, cleanup };
}
