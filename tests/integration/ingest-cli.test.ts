import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { selectRows } from "@/lib/db/rows";
import { generateSample } from "@/lib/sample/generate";
import { buildBadFiles, expectOutcome } from "../support/bad-files";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { buildZip } from "../support/zip";

const ROOT = path.join(import.meta.dirname, "..", "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures", "real");
let dir: string;

// One process (tsx as a loader, not its CLI wrapper) so that SIGKILL really kills the ingest mid-batch.
function runIngest(
  args: string[],
  databaseUrl: string,
): ChildProcess & { done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(
    process.execPath,
    // One process (tsx as a loader, not its CLI wrapper) so that SIGKILL really kills the ingest mid-batch.
    ["--import", "tsx", "--conditions=react-server", "scripts/ingest.ts", ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, out })),
  );
  return Object.assign(child, { done });
}

/** What a supervisor would see: every agency-year's current document, and the full version history size. */
async function snapshot(db: Db) {
  return selectRows<{ agency: string; year: number; sha: string; versions: number }>(
    db,
    sql`select a.name as agency, r.year::int as year, d.sha256 as sha,
          (select count(*)::int from reports h where h.agency_id = r.agency_id and h.year = r.year) as versions
        from reports r join agencies a on a.id = r.agency_id join source_documents d on d.id = r.source_document_id
        where r.is_current order by a.name, r.year`,
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-cli-"));
  const corpus = path.join(dir, "corpus");
  fs.mkdirSync(corpus);
  for (let seed = 1; seed <= 80; seed++) {
    const sample = await generateSample(seed, "html", { messiness: 0.2 });
    fs.writeFileSync(
      path.join(corpus, `${String(seed).padStart(3, "0")}-${sample.document.fileName}`),
      sample.document.bytes,
    );
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run ingest", () => {
  let mixedDb: TestDatabase;
  let clean: TestDatabase;
  let crashed: TestDatabase;
  beforeAll(async () => {
    mixedDb = await createTestDatabase("postgres");
    clean = await createTestDatabase("postgres");
    crashed = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    for (const t of [mixedDb, clean, crashed]) await t?.drop();
  });
  const urlOf = (t: TestDatabase) => t.url;

  it("prints a summary, writes a JSON report and exits 3 when some files were rejected", async () => {
    const mixed = path.join(dir, "mixed");
    fs.mkdirSync(mixed);
    fs.copyFileSync(path.join(FIXTURES, "shuyang-ndrc-2023.html"), path.join(mixed, "shuyang.html"));
    fs.writeFileSync(path.join(mixed, "random.bin"), Buffer.from([0, 159, 146, 150, 1, 2, 3, 200, 201]));
    const jsonPath = path.join(dir, "result.json");
    const { code, out } = await runIngest(["--json", jsonPath, mixed], urlOf(mixedDb)).done;
    expect(out).toMatch(/导入完成：共 2 份 · 新增 1 · 更新 0 · 未变 0 · 拒绝 1/);
    expect(out).toContain("random.bin");
    expect(code).toBe(3);
    const report = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
    expect(report.results.map((r: { status: string }) => r.status).sort()).toEqual(["new", "rejected"]);
    const again = await runIngest([path.join(mixed, "shuyang.html")], urlOf(mixedDb)).done;
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/未变 1/);
  }, 180_000);

  it("a batch killed mid-way and run again ends exactly like an uninterrupted run", async () => {
    const corpus = path.join(dir, "corpus");
    const full = await runIngest([corpus], urlOf(clean)).done;
    expect(full.code, full.out).toBeLessThanOrEqual(3);

    const victim = runIngest([corpus], urlOf(crashed));
    // Kill -9 once some documents are in, while others are still to come (parse workers take seconds to start).
    for (let i = 0; i < 3000; i++) {
      const [{ n }] = await selectRows<{ n: number }>(crashed.db, sql`select count(*)::int as n from reports`);
      if (n >= 3) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    victim.kill("SIGKILL");
    await victim.done;
    const partial = await snapshot(crashed.db);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan((await snapshot(clean.db)).length);

    const rerun = await runIngest([corpus], urlOf(crashed)).done;
    expect(rerun.code, rerun.out).toBe(full.code);
    expect(await snapshot(crashed.db)).toEqual(await snapshot(clean.db));
  }, 300_000);

  it("reads zip archives every time, and rejects an entry pointing outside one by one, in Chinese", async () => {
    const names = ["hongze-district-2024.pdf", "mudanjiang-education-2019.txt", "pingtan-2023-flattened.txt"];
    const real = path.join(dir, "real.zip");
    fs.writeFileSync(
      real,
      await buildZip(names.map((name) => ({ name, data: fs.readFileSync(path.join(FIXTURES, name)) }))),
    );
    const hostile = path.join(dir, "hostile.zip");
    fs.writeFileSync(
      hostile,
      await buildZip([
        { name: Buffer.from("../escape.txt"), data: Buffer.from("outside") },
        { name: "shuyang.html", data: fs.readFileSync(path.join(FIXTURES, "shuyang-ndrc-2023.html")) },
      ]),
    );
    // The counting pass and the reading pass open the same archive: run it repeatedly, it must never crash.
    for (let run = 0; run < 4; run++) {
      const { code, out } = await runIngest([real], urlOf(mixedDb)).done;
      expect(code, out).toBe(0);
      expect(out).toMatch(/共 3 份/);
    }
    const { code, out } = await runIngest([hostile], urlOf(mixedDb)).done;
    expect(code, out).toBe(3);
    expect(out).toContain("指向包外");
    expect(out).toMatch(/拒绝 1/);
    expect(out).not.toMatch(/Error|ESPIPE|at .*\.ts:/);
  }, 300_000);

  it("takes the bad-file corpus without crashing: a Chinese reason for each refused file, exit 3", async () => {
    const folder = path.join(dir, "bad-files");
    fs.mkdirSync(folder);
    const files = await buildBadFiles();
    for (const f of files) fs.writeFileSync(path.join(folder, f.name), f.bytes);
    const jsonPath = path.join(dir, "bad-files.json");
    const { code, out } = await runIngest(["--json", jsonPath, folder], urlOf(clean)).done;
    expect(code, out).toBe(3);
    expect(out).not.toMatch(/Error|ESPIPE|at .*\.ts:/);
    const results = JSON.parse(fs.readFileSync(jsonPath, "utf8")).results as {
      file: string;
      status: string;
      reason?: string;
    }[];
    for (const f of files) {
      const mine = results.filter((r) => path.basename(r.file.split("!")[0]) === f.name);
      expect(mine.length, f.name).toBeGreaterThan(0);
      for (const r of mine) expectOutcome(f, r);
    }
  }, 300_000);
});
