import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import type { DbHandle } from "@/db/client";
import { reports } from "@/db/schema";
import { createUser } from "@/lib/auth/create-user";
import { cookieOf, req } from "../support/route-requests";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const FIXTURE = path.join(import.meta.dirname, "..", "fixtures", "real", "mudanjiang-education-2019.txt");
const PASSWORD = "correct-horse-battery";
const holder = globalThis as unknown as { __ogiDb?: Promise<DbHandle> };
const BOUNDARY = "----ogi-test-boundary";
const encoder = new TextEncoder();

type Part = { name: string; type?: string; bytes?: Uint8Array; filler?: number };

/** A multipart body sent chunk by chunk (no Content-Length), counting how much of it the server pulled. */
function streamingUpload(parts: Part[]) {
  const state = { pulled: 0 };
  const pieces: (Uint8Array | number)[] = [];
  for (const part of parts) {
    const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${part.name}"\r\nContent-Type: ${part.type ?? "application/octet-stream"}\r\n\r\n`;
    pieces.push(encoder.encode(head), part.bytes ?? part.filler ?? 0, encoder.encode("\r\n"));
  }
  pieces.push(encoder.encode(`--${BOUNDARY}--\r\n`));
  const CHUNK = 64 * 1024;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces[0];
      if (next === undefined) return controller.close();
      let chunk: Uint8Array;
      if (typeof next === "number") {
        chunk = new Uint8Array(Math.min(CHUNK, next)).fill(0x41);
        if (next - chunk.length > 0) pieces[0] = next - chunk.length;
        else pieces.shift();
      } else {
        chunk = next;
        pieces.shift();
      }
      state.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, state };
}

function zipOf(entries: Record<string, Uint8Array>): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(entries)) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    zip.outputStream.on("error", reject);
  });
}

describe("uploads stream to disk under a running cap, and parse off the main thread", () => {
  let t: TestDatabase;
  let admin = "";
  let ingest: typeof import("@/app/api/ingest/route");
  const report = encoder.encode(fs.readFileSync(FIXTURE, "utf8"));
  const reportCount = async () => (await t.db.select({ n: count() }).from(reports))[0].n;
  const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
    ingest.POST(
      req("/api/ingest", {
        method: "POST",
        cookie: admin,
        headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
        body,
        duplex: "half",
      } as RequestInit),
    );

  beforeAll(async () => {
    process.env.OGI_MAX_FILE_MB = "1";
    process.env.OGI_MAX_ARCHIVE_MB = "4";
    t = await createTestDatabase("pglite");
    holder.__ogiDb = Promise.resolve(t);
    ingest = await import("@/app/api/ingest/route");
    const auth = await import("@/app/api/auth/[...all]/route");
    await createUser(t.db, { email: "a@ogi.test", name: "管理员", role: "admin", password: PASSWORD });
    admin = cookieOf(
      await auth.POST(
        req("/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "a@ogi.test", password: PASSWORD }),
        }),
      ),
    );
  });
  afterAll(async () => {
    delete process.env.OGI_MAX_FILE_MB;
    delete process.env.OGI_MAX_ARCHIVE_MB;
    holder.__ogiDb = undefined;
    await t?.drop();
  });

  it("stops reading a chunked upload as soon as a file passes its cap, and imports nothing of it", async () => {
    const before = await reportCount();
    const { body, state } = streamingUpload([
      { name: "沭阳县.txt", type: "text/plain", bytes: report },
      { name: "过大的报告.txt", filler: 64 * 1024 * 1024 },
    ]);
    const response = await post(body);
    expect(response.status).toBe(413);
    const { error } = await response.json();
    expect(error.code).toBe("FILE_TOO_LARGE");
    expect(error.message).toMatch(/文件“过大的报告\.txt”过大：超过上限 1\.0 MB（1,048,576 字节）/);
    expect(state.pulled).toBeLessThan(8 * 1024 * 1024);
    expect(await reportCount()).toBe(before);
  });

  it("holds all files of one upload to the archive cap together", async () => {
    const { body, state } = streamingUpload(
      Array.from({ length: 8 }, (_, i) => ({ name: `第${i + 1}份.txt`, filler: 900 * 1024 })),
    );
    const response = await post(body);
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(/超过上限 4\.0 MB/);
    expect(state.pulled).toBeLessThan(12 * 1024 * 1024);
  });

  it("keeps Chinese file names, and names a zip's entries after the uploaded archive", async () => {
    const zip = await zipOf({ "牡丹江/教育局2019.txt": report, "说明.exe": encoder.encode("MZ") });
    const { body } = streamingUpload([
      { name: "牡丹江市教育局.txt", type: "text/plain", bytes: report },
      { name: "一批报告.zip", type: "application/zip", bytes: zip },
    ]);
    const response = await post(body);
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: { file: string; status: string }[] };
    expect(results.map((r) => r.file)).toEqual([
      "牡丹江市教育局.txt",
      "一批报告.zip!牡丹江/教育局2019.txt",
      "一批报告.zip!说明.exe",
    ]);
    expect(results[0].status).toMatch(/new|updated|unchanged/);
    expect(results[1].status).toBe("unchanged");
    expect(results[2].status).toBe("rejected");
    const pool = (globalThis as { __ogiUploadPool?: { pool: unknown } }).__ogiUploadPool;
    expect(pool?.pool, "parsed by the server's worker pool").toBeTruthy();
  });

  it("refuses a truncated form in Chinese, and a body that is not a form", async () => {
    const truncated = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n半截`;
    const cut = await post(truncated);
    expect(cut.status).toBe(400);
    expect((await cut.json()).error.message).toMatch(/上传内容无法读取/);
    const json = await post("{}", { "content-type": "application/json" });
    expect(json.status).toBe(400);
    const none = await post(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\n无文件\r\n--${BOUNDARY}--\r\n`,
    );
    expect(none.status).toBe(400);
    expect((await none.json()).error.code).toBe("NO_FILE");
  });
});
