import fs from "node:fs";
import { openDatabase } from "@/db/client";
import { collectSources } from "@/lib/ingest/collect-sources";
import { countSources } from "@/lib/ingest/count-sources";
import { defaultConcurrency, ingestBatch } from "@/lib/ingest/ingest-batch";
import { resolveLimits } from "@/lib/ingest/limits";
import { resolveParseWorkers } from "@/lib/ingest/parse-pool";
import { parseCliArgs, reportUsage } from "./support/cli-args";
import { createProgress } from "./support/progress";
import { EXIT, runCli } from "./support/run-cli";

const USAGE = `用法：npm run ingest -- [选项] 路径...
  路径可以是文件、目录（递归，读取其中的 manifest.csv）或 .zip 压缩包。
选项：
  --agency 名称        为所有文件指定机关名称（优先于解析结果）
  --region 代码        指定 6 位地区代码
  --year 年度          指定报告年度
  --published 日期     指定发布日期（YYYY-MM-DD）
  --max-size MB        单个文件大小上限（默认 50）
  --workers N          解析线程数（默认 CPU 核数减一，至少 1；0 表示在主线程解析；亦可用 OGI_PARSE_WORKERS）
  --json 文件          把每个文件的结果写成 JSON
退出码：0 全部导入；3 有文件被拒绝；1 致命错误；2 参数错误。`;

await runCli(async () => {
  const { values, positionals } = parseCliArgs(USAGE, {
    allowPositionals: true,
    options: {
      agency: { type: "string" },
      region: { type: "string" },
      year: { type: "string" },
      published: { type: "string" },
      "max-size": { type: "string" },
      workers: { type: "string" },
      json: { type: "string" },
    },
  });
  if (positionals.length === 0) return reportUsage(USAGE);
  let workers: number;
  try {
    workers = resolveParseWorkers(values.workers);
  } catch (error) {
    return reportUsage(USAGE, (error as Error).message);
  }
  const limits = resolveLimits(values["max-size"] ? { maxFileBytes: Number(values["max-size"]) * 1024 * 1024 } : {});
  const metadata = {
    ...(values.agency ? { agency: values.agency } : {}),
    ...(values.region ? { regionCode: values.region } : {}),
    ...(values.year ? { year: Number(values.year) } : {}),
    ...(values.published ? { publishedAt: values.published } : {}),
  };
  const handle = await openDatabase({ purpose: "批量导入（npm run ingest）" });
  try {
    const progress = createProgress("导入", await countSources(positionals));
    const summary = await ingestBatch(handle.db, collectSources(positionals, limits), {
      metadata,
      concurrency: defaultConcurrency(handle.kind),
      workers,
      onResult: (r) => progress.tick(r.file),
    });
    progress.stop();
    const { counts, results, seconds } = summary;
    const total = results.length;
    console.log(
      `导入完成：共 ${total} 份 · 新增 ${counts.new} · 更新 ${counts.updated} · 未变 ${counts.unchanged} · 拒绝 ${counts.rejected}` +
        `（用时 ${seconds.toFixed(1)} 秒，${(total / Math.max(seconds, 0.001)).toFixed(1)} 份/秒）`,
    );
    const scans = results.filter((r) => r.status !== "rejected" && r.ocrPages);
    if (scans.length) {
      console.log(`其中 ${scans.length} 份为扫描件或图片，经 OCR 识别：`);
      for (const r of scans)
        if (r.status !== "rejected") console.log(`  ${r.file} — ${r.agency} ${r.year}年，${r.ocrPages} 页`);
    }
    const rejected = results.filter((r) => r.status === "rejected");
    if (rejected.length) {
      console.log("被拒绝的文件：");
      for (const r of rejected) if (r.status === "rejected") console.log(`  ${r.file} — ${r.reason}（${r.code}）`);
    }
    if (values.json) fs.writeFileSync(values.json, `${JSON.stringify({ counts, seconds, results }, null, 2)}\n`);
    return rejected.length ? EXIT.rejected : EXIT.ok;
  } finally {
    await handle.close();
  }
});
