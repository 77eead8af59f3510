import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { ensureTestAccounts } from "@/lib/auth/bootstrap";
import { collectSources, type SourceItem } from "@/lib/ingest/collect-sources";
import { defaultConcurrency, ingestBatch } from "@/lib/ingest/ingest-batch";
import { resolveLimits } from "@/lib/ingest/limits";
import { resolveParseWorkers } from "@/lib/ingest/parse-pool";
import { generateCorpusDocuments } from "@/lib/sample/plan-corpus";
import { seedRegions } from "@/lib/setup/seed-regions";
import { createProgress } from "./support/progress";
import { EXIT, runCli } from "./support/run-cli";

/**
 * The demo data, through the real ingestion path: the real sample reports, then a modest generated corpus
 * (OGI_SAMPLE_AGENCIES agencies × 2019–2025, seeded, placed in the provinces of the real samples).
 * Idempotent: a second run finds every document "unchanged".
 */
const REAL_SAMPLES = path.join(process.cwd(), "tests", "fixtures", "real");
const SKIP = new Set(["README.md", "expected.json"]);
const AGENCIES = Number(process.env.OGI_SAMPLE_AGENCIES ?? 30);

const CORPUS = { agencies: AGENCIES, fromYear: 2019, toYear: 2025, seed: 20260131, provinces: ["23", "32", "35"] };

type CorpusItem = SourceItem & { bytes: Uint8Array };

/** The generated corpus, rendered up front (a few MB) so that the progress bar counts exactly what will be loaded. */
async function renderCorpus(): Promise<CorpusItem[]> {
  const items: CorpusItem[] = [];
  for await (const doc of generateCorpusDocuments(CORPUS)) {
    const fileName = `${doc.report.agency}-${doc.report.year}${path.extname(doc.fileName)}`;
    items.push({
      label: `样例语料/${fileName}`,
      fileName,
      bytes: doc.bytes,
      metadata: { regionCode: doc.report.region.code },
    });
  }
  return items;
}

function listRealSamples(): string[] {
  return fs.readdirSync(REAL_SAMPLES).filter((f) => !SKIP.has(f));
}

async function* samples(corpus: CorpusItem[]): AsyncGenerator<SourceItem> {
  for await (const item of collectSources([REAL_SAMPLES], resolveLimits())) {
    if (!SKIP.has(item.fileName)) yield item;
  }
  yield* corpus;
}

await runCli(async () => {
  const handle = await openDatabase({ purpose: "加载示例报告（npm run load-samples）" });
  try {
    await seedRegions(handle.db);
    // Only the Playwright config sets this: the end-to-end tests sign in with these accounts.
    if (process.env.OGI_E2E_ADMIN_PASSWORD) await ensureTestAccounts(handle.db, process.env.OGI_E2E_ADMIN_PASSWORD);
    console.log("生成样例语料…");
    const corpus = await renderCorpus();
    const progress = createProgress("加载示例", listRealSamples().length + corpus.length);
    const { counts, results } = await ingestBatch(handle.db, samples(corpus), {
      concurrency: defaultConcurrency(handle.kind),
      workers: resolveParseWorkers(),
      onResult: (r) => progress.tick(r.file),
    });
    progress.stop();
    for (const r of results) if (r.status === "rejected") console.log(`  未能导入 ${r.file}：${r.reason}`);
    console.log(
      `示例报告：新增 ${counts.new} · 更新 ${counts.updated} · 未变 ${counts.unchanged} · 拒绝 ${counts.rejected}`,
    );
    return EXIT.ok;
  } finally {
    await handle.close();
  }
});
