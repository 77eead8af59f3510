import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { RENDERINGS, type Rendering } from "@/lib/sample/generate";
import { insertReportsDirect } from "@/lib/sample/insert-direct";
import { generateCorpusDocuments, planReports } from "@/lib/sample/plan-corpus";
import { seedRegions } from "@/lib/setup/seed-regions";
import { parseCliArgs, reportUsage } from "./support/cli-args";
import { createProgress } from "./support/progress";
import { EXIT, runCli } from "./support/run-cli";

const USAGE = `用法：npm run sample -- [--agencies N] [--years 2019-2025] [--seed S] [--provinces 23,32] [--shapes html,pdf] [--out 目录 | --direct]
  生成逼真的合成年报语料：默认写入文档文件（各种格式）到 --out 目录，之后可用 npm run ingest 导入；
  --direct 则跳过渲染与解析，直接把数值批量写入数据库（用于大规模基准数据集）。`;

await runCli(async () => {
  const { values } = parseCliArgs(USAGE, {
    options: {
      agencies: { type: "string", default: "50" },
      years: { type: "string", default: "2019-2025" },
      seed: { type: "string", default: "1" },
      provinces: { type: "string" },
      shapes: { type: "string" },
      out: { type: "string", default: path.join(".data", "sample-corpus") },
      direct: { type: "boolean", default: false },
    },
  });
  const [fromYear, toYear = fromYear] = values.years!.split("-").map(Number);
  const renderings = values.shapes
    ?.split(",")
    .filter((s): s is Rendering => (RENDERINGS as readonly string[]).includes(s));
  const options = {
    agencies: Number(values.agencies),
    fromYear,
    toYear,
    seed: Number(values.seed),
    provinces: values.provinces?.split(","),
    renderings,
  };
  if (!Number.isFinite(options.agencies) || !fromYear || toYear < fromYear) return reportUsage(USAGE);
  const expected = options.agencies * (toYear - fromYear + 1);
  if (values.direct) {
    const handle = await openDatabase({ purpose: "生成合成数据（npm run sample -- --direct）" });
    try {
      await seedRegions(handle.db);
      const progress = createProgress("写入", expected);
      let batch = [];
      for (const { report } of planReports(options)) {
        batch.push(report);
        if (batch.length >= 500) {
          await insertReportsDirect(handle.db, batch);
          for (const r of batch) progress.tick(r.agency);
          batch = [];
        }
      }
      await insertReportsDirect(handle.db, batch);
      for (const r of batch) progress.tick(r.agency);
      progress.stop();
    } finally {
      await handle.close();
    }
    return EXIT.ok;
  }
  fs.mkdirSync(values.out!, { recursive: true });
  const progress = createProgress("生成", expected);
  let n = 0;
  // The region is what a crawler knows from the site it fetched from; a township's own title often omits it.
  const manifest = ["file,region"];
  for await (const doc of generateCorpusDocuments(options)) {
    const ext = path.extname(doc.fileName) || ".txt";
    const name = `${String(++n).padStart(5, "0")}-${doc.report.agency}-${doc.report.year}${ext}`;
    fs.writeFileSync(path.join(values.out!, name), doc.bytes);
    manifest.push(`${name},${doc.report.region.code}`);
    progress.tick(name);
  }
  fs.writeFileSync(path.join(values.out!, "manifest.csv"), `${manifest.join("\n")}\n`);
  progress.stop();
  console.log(`已生成 ${n} 份报告文档：${values.out}`);
  return EXIT.ok;
});
