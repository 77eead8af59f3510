import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSources, type SourceItem } from "@/lib/ingest/collect-sources";
import { resolveLimits } from "@/lib/ingest/limits";
import { buildZip } from "../support/zip";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "real");
let dir: string;

async function collect(inputs: string[], limits = resolveLimits()): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of collectSources(inputs, limits)) out.push(item);
  return out;
}
const rejectedCode = (item: SourceItem | undefined) => (item && "rejected" in item ? item.rejected.code : null);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-collect-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("collecting documents from folders and archives", () => {
  it("walks folders recursively and applies manifest.csv metadata", async () => {
    const folder = path.join(dir, "batch");
    fs.mkdirSync(path.join(folder, "sub"), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, "pingtan-2023-flattened.txt"), path.join(folder, "sub", "a.txt"));
    fs.copyFileSync(path.join(FIXTURES, "shuyang-ndrc-2023.html"), path.join(folder, "b.html"));
    fs.writeFileSync(
      path.join(folder, "manifest.csv"),
      "\uFEFFfile,agency,region,year,published\nsub/a.txt,平潭综合实验区管理委员会,350128,2023,2024-01-20\n",
    );
    const items = await collect([folder]);
    expect(items.map((i) => i.fileName).sort()).toEqual(["a.txt", "b.html"]);
    const a = items.find((i) => i.fileName === "a.txt")!;
    expect("metadata" in a && a.metadata).toEqual({
      agency: "平潭综合实验区管理委员会",
      regionCode: "350128",
      year: 2023,
      publishedAt: "2024-01-20",
    });
  });

  it("reads zip entries, decodes GBK names, and refuses escaping paths and nested archives", async () => {
    const gbkName = iconv.encode("洪泽报告.txt", "gbk"); // 11 bytes
    const zip = await buildZip([
      { name: "docs/shuyang.html", data: fs.readFileSync(path.join(FIXTURES, "shuyang-ndrc-2023.html")) },
      { name: gbkName, data: Buffer.from("内容") },
      { name: Buffer.from("../evil.txt"), data: Buffer.from("x") },
      { name: "inner.zip", data: Buffer.from("PK") },
    ]);
    const zipPath = path.join(dir, "batch.zip");
    fs.writeFileSync(zipPath, zip);
    const items = await collect([zipPath]);
    const byName = new Map(items.map((i) => [i.fileName, i]));
    expect(byName.get("shuyang.html")).toHaveProperty("bytes");
    expect(byName.has("洪泽报告.txt")).toBe(true);
    expect(rejectedCode(items.find((i) => i.label.endsWith("../evil.txt")))).toBe("UNSAFE_ENTRY_PATH");
    expect(rejectedCode(byName.get("inner.zip"))).toBe("NESTED_ARCHIVE");
  });

  it("rejects oversize files and zip bombs with Chinese reasons", async () => {
    const big = path.join(dir, "big.txt");
    fs.writeFileSync(big, Buffer.alloc(3000, 0x41));
    const [tooBig] = await collect([big], resolveLimits({ maxFileBytes: 1000 }));
    expect(rejectedCode(tooBig)).toBe("FILE_TOO_LARGE");
    expect("rejected" in tooBig && tooBig.rejected.reason).toMatch(/文件过大/);

    const bombPath = path.join(dir, "bomb.zip");
    fs.writeFileSync(bombPath, await buildZip([{ name: "zeros.txt", data: Buffer.alloc(20 * 1024 * 1024) }]));
    const [bomb] = await collect([bombPath]);
    expect(rejectedCode(bomb)).toBe("SUSPICIOUS_COMPRESSION");
  });

  it("reports a corrupt archive and a missing path instead of throwing", async () => {
    const bad = path.join(dir, "bad.zip");
    fs.writeFileSync(bad, Buffer.from("PK\u0003\u0004 truncated"));
    const items = await collect([bad, path.join(dir, "missing.pdf")]);
    expect(items.map(rejectedCode)).toEqual(["CORRUPT_ARCHIVE", "NOT_FOUND"]);
  });

  it("rejects a bomb of many small entries as a whole, and an empty zip, in Chinese only", async () => {
    const many = path.join(dir, "many.zip");
    const entries = Array.from({ length: 100 }, (_, i) => ({ name: `part-${i}.txt`, data: Buffer.alloc(1024 * 1024) }));
    fs.writeFileSync(many, await buildZip(entries));
    expect(fs.statSync(many).size).toBeLessThan(1024 * 1024);
    const items = await collect([many]);
    expect(items.map(rejectedCode)).toEqual(["SUSPICIOUS_COMPRESSION"]);
    expect("rejected" in items[0] && items[0].rejected.reason).toMatch(/疑似压缩炸弹/);

    const empty = path.join(dir, "empty.zip");
    fs.writeFileSync(empty, Buffer.alloc(0));
    const [rejected] = await collect([empty]);
    expect(rejectedCode(rejected)).toBe("CORRUPT_ARCHIVE");
    expect("rejected" in rejected && rejected.rejected.reason).not.toMatch(/[A-Za-z]{3,}/);
  });
});
