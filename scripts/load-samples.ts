import path from "node:path";
import { openDatabase } from "@/db/client";
import { collectSources } from "@/lib/ingest/collect-sources";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { resolveLimits } from "@/lib/ingest/limits";
import { seedRegions } from "@/lib/setup/seed-regions";
import { EXIT, runCli } from "./run-cli";

/** The real sample reports (and the generated sample corpus, when present), through the ingestion path. */
const SAMPLE_INPUTS = [path.join(process.cwd(), "tests", "fixtures", "real")];
const SKIP = new Set(["README.md", "expected.json"]);

await runCli(async () => {
  const handle = await openDatabase({ purpose: "加载示例报告（npm run load-samples）" });
  try {
    await seedRegions(handle.db);
    async function* samples() {
      for await (const item of collectSources(SAMPLE_INPUTS, resolveLimits())) {
        if (!SKIP.has(item.fileName)) yield item;
      }
    }
    const { counts } = await ingestBatch(handle.db, samples(), {
      onResult: (r) =>
        console.log(
          `  ${r.status.padEnd(9)} ${path.basename(r.file)}  ${r.status === "rejected" ? r.reason : `${r.agency} ${r.year}年`}`,
        ),
    });
    console.log(
      `示例报告：新增 ${counts.new} · 更新 ${counts.updated} · 未变 ${counts.unchanged} · 拒绝 ${counts.rejected}`,
    );
    return EXIT.ok;
  } finally {
    await handle.close();
  }
});
