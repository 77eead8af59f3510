import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { seedRegions } from "@/lib/setup/seed-regions";

/** Loads the real sample reports through the ingestion path (idempotent: the same bytes are "unchanged"). */
const SAMPLE_DIRS = [path.join(process.cwd(), "tests", "fixtures", "real")];
const SKIP = new Set(["README.md", "expected.json"]);

const handle = await openDatabase({ purpose: "加载示例报告（npm run load-samples）" });
try {
  await seedRegions(handle.db);
  const tally: Record<string, number> = {};
  for (const dir of SAMPLE_DIRS) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (SKIP.has(name)) continue;
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, name)));
      const outcome = await ingestDocument(handle.db, { bytes, fileName: name });
      tally[outcome.status] = (tally[outcome.status] ?? 0) + 1;
      const detail = outcome.status === "rejected" ? outcome.reason : `${outcome.agency} ${outcome.year}年`;
      console.log(`${outcome.status.padEnd(9)} ${name}  ${detail}`);
    }
  }
  console.log(`示例报告：${Object.entries(tally).map(([k, v]) => `${k} ${v}`).join("，")}`);
} finally {
  await handle.close();
}
