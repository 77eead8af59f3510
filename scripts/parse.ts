import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "@/lib/ingest/parse-document";
import { ReportParseError } from "@/lib/report/errors";

const MEDIA_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".html": "text/html",
  ".htm": "text/html",
  ".shtml": "text/html",
  ".md": "text/markdown",
  ".txt": "text/plain",
};

// Only the canonical JSON goes to stdout: anything a library logs goes to stderr.
for (const method of ["log", "info", "warn", "debug"] as const) {
  console[method] = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(" ")}\n`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const pretty = args.includes("--pretty");
  const files = args.filter((a) => !a.startsWith("--"));
  if (files.length !== 1) {
    process.stderr.write("用法：npm run --silent parse -- 文件路径 [--pretty]\n");
    return 2;
  }
  const file = files[0];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    process.stderr.write(`无法读取文件：${file}\n`);
    return 2;
  }
  const fileName = path.basename(file);
  const mediaType = MEDIA_TYPES[path.extname(fileName).toLowerCase()];
  try {
    const report = await parseDocument(bytes, { fileName, mediaType, timeoutMs: 10_000 });
    process.stdout.write(`${JSON.stringify(report, null, pretty ? 2 : undefined)}\n`);
    for (const issue of report.issues) {
      process.stderr.write(`[${issue.severity}] ${issue.code}: ${issue.message}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ReportParseError) {
      process.stderr.write(`解析失败（${error.code}）：${error.message}\n`);
      return 1;
    }
    process.stderr.write(`解析器内部错误：${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  }
}

main().then((code) => {
  process.exitCode = code;
});
