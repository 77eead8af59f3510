import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppServer, startAppServer } from "./support/app-server";
import { parseCliArgs } from "./support/cli-args";
import { runPgTool, startThrowawayPostgres } from "./support/throwaway-postgres";
import { percentile, time } from "./support/timing";

const USAGE = `npm run bench:upload-isolation -- [--mb N] [--runs N] [--compare] [--postgres]
  p50/p95 of /api/health and of a chart request while an N MiB text report (default 50) is uploaded and parsed,
  against the same without the upload (target: within 2×). --compare repeats it with uploads parsed on the
  server's main thread (OGI_UPLOAD_PARSE_WORKERS=0), as before the worker pool. The embedded database by default;
  --postgres on a throwaway PostgreSQL server.`;
const { values } = parseCliArgs(USAGE, {
  options: {
    mb: { type: "string", default: "50" },
    runs: { type: "string", default: "40" },
    compare: { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
  },
});
const mib = Number(values.mb);
const runs = Number(values.runs);
const PASSWORD = "bench-only-password-not-for-production";
const FIXTURE = path.join(import.meta.dirname, "..", "tests", "fixtures", "real", "mudanjiang-education-2019.txt");

/** A real report's text repeated to the size (a scan's OCR dump or a page with its whole archive inlined). */
function bigReport(bytes: number): Buffer {
  const text = Buffer.from(fs.readFileSync(FIXTURE, "utf8"));
  const out = Buffer.alloc(bytes, 0x20);
  for (let at = 0; at < bytes; at += text.length + 1) text.copy(out, at, 0, Math.min(text.length, bytes - at));
  return out;
}

async function loadSamples(env: Record<string, string>) {
  const code = await new Promise<number | null>((resolve) =>
    spawn("npx", ["tsx", "--conditions=react-server", "scripts/load-samples.ts"], {
      env: { ...process.env, ...env },
      stdio: "ignore",
    }).on("close", resolve),
  );
  if (code !== 0) throw new Error(`示例报告加载失败（退出码 ${code}）。`);
}

type Sample = { health: number[]; chart: number[] };
async function sampleWhile(server: AppServer, cookie: string, busy: () => boolean, min: number): Promise<Sample> {
  const sample: Sample = { health: [], chart: [] };
  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${server.base}${p}`, { headers }).then((r) => r.arrayBuffer());
  while (sample.health.length < min || busy()) {
    sample.health.push(await time(() => get("/api/health")));
    sample.chart.push(await time(() => get("/api/charts/applications-by-year", { cookie })));
    if (!busy() && sample.health.length >= min) break;
  }
  return sample;
}

const pg = values.postgres ? await startThrowawayPostgres() : null;
let round = 0;

async function measure(label: string, workers: string, upload: Buffer) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ogi-bench-upload-"));
  let databaseUrl = "";
  if (pg) {
    const name = `ogi_bench_upload_${round++}`;
    runPgTool("createdb", ["-h", "127.0.0.1", "-p", String(pg.port), "-U", "postgres", name]);
    databaseUrl = pg.urlFor(name);
  }
  const env = {
    DATABASE_URL: databaseUrl,
    OGI_DATA_DIR: dataDir,
    OGI_SAMPLE_AGENCIES: "6",
    OGI_E2E_ADMIN_PASSWORD: PASSWORD,
    OGI_UPLOAD_PARSE_WORKERS: workers,
  };
  await loadSamples(env);
  const server = await startAppServer(env);
  try {
    const cookie = await server.signIn("e2e-admin@ogi.local", PASSWORD);
    await sampleWhile(server, cookie, () => false, 5); // warm-up
    const idle = await sampleWhile(server, cookie, () => false, runs);
    let uploading = true;
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(upload)], { type: "text/plain" }), "大文件报告.txt");
    const started = performance.now();
    const done = fetch(`${server.base}/api/ingest`, {
      method: "POST",
      body: form,
      headers: { cookie, origin: server.base },
    })
      .then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { results?: { status: string; reason?: string }[] },
      }))
      .finally(() => {
        uploading = false;
      });
    const during = await sampleWhile(server, cookie, () => uploading, 10);
    const outcome = await done;
    const seconds = (performance.now() - started) / 1000;
    const first = outcome.body.results?.[0];
    console.log(
      `\n${label}：上传 ${mib} MiB 用时 ${seconds.toFixed(1)} 秒，HTTP ${outcome.status}，结果 ${first?.status ?? "—"}${first?.reason ? `（${first.reason}）` : ""}`,
    );
    console.log("| 请求 | 空闲 p50 | 空闲 p95 | 上传中 p50 | 上传中 p95 | 上传中最慢 | 上传中次数 | p95 倍数 |");
    console.log("|---|---|---|---|---|---|---|---|");
    for (const key of ["health", "chart"] as const) {
      const a = idle[key];
      const b = during[key];
      const ratio = percentile(b, 0.95) / percentile(a, 0.95);
      const name = key === "health" ? "/api/health" : "/api/charts/applications-by-year";
      console.log(
        `| ${name} | ${percentile(a, 0.5).toFixed(1)} | ${percentile(a, 0.95).toFixed(1)} | ${percentile(b, 0.5).toFixed(1)} | ${percentile(b, 0.95).toFixed(1)} | ${Math.max(...b).toFixed(0)} | ${b.length} | ${ratio.toFixed(2)}× |`,
      );
    }
  } finally {
    server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const upload = bigReport(mib * 1024 * 1024 - 1024);
console.log(
  `负载 ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")}，${os.availableParallelism()} 核`,
);
await measure("解析线程池（默认）", "1", upload);
if (values.compare) await measure("主线程解析（OGI_UPLOAD_PARSE_WORKERS=0）", "0", upload);
pg?.stop();
process.exit(0);
