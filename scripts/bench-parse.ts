/**
 * Parser throughput on a seeded synthetic corpus, per rendering:
 *   npm run bench:parse [-- --count 300 --slow-count 60 --seed 1 --shapes html,pdf]
 * Prints documents/s, p50/p99/max latency of parseReport alone (rendering excluded) and the process's peak RSS.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { parseDocument } from "@/lib/ingest/parse-document";
import { generateSample, RENDERINGS, type Rendering } from "@/lib/sample/generate";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "300" },
    "slow-count": { type: "string", default: "60" },
    seed: { type: "string", default: "1" },
    shapes: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(`npm run bench:parse [-- options]
  --count N        documents per text rendering (html, text-lines, run-together, markdown); default 300
  --slow-count N   documents per DOCX/PDF rendering; default 60
  --seed N         first seed of the generated corpus; default 1
  --shapes a,b     renderings to run, in this order; default ${RENDERINGS.join(",")}
Latency is parseReport alone, from the first document of the process (the first PDF includes whatever part of
loading pdf.js is not done yet). Machine load is printed with the table: compare runs made under the same load.`);
  process.exit(0);
}
const loadAtStart = loadavg();
const renderings = (values.shapes?.split(",") ?? RENDERINGS) as Rendering[];
const seed = Number(values.seed);

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

type Row = {
  rendering: string;
  docs: number;
  failed: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  rssMb: number;
};
const rows: Row[] = [];
for (const rendering of renderings) {
  const count = rendering === "docx" || rendering === "pdf" ? Number(values["slow-count"]) : Number(values.count);
  const latencies: number[] = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const { document } = await generateSample(seed + i, rendering);
    const start = performance.now();
    try {
      await parseDocument(document.bytes, { fileName: document.fileName, mediaType: document.mediaType });
    } catch {
      failed++;
    }
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  const total = latencies.reduce((a, b) => a + b, 0);
  rows.push({
    rendering,
    docs: count,
    failed,
    perSecond: (count / total) * 1000,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    // maxRSS is the process's peak so far (KiB on Linux), so each row includes the renderings before it.
    rssMb: process.resourceUsage().maxRSS / 1024,
  });
  console.error(`${rendering}: done`);
}

const header = ["rendering", "docs", "threw", "docs/s", "p50 ms", "p99 ms", "max ms", "peak RSS MB"];
const table = rows.map((r) => [
  r.rendering,
  String(r.docs),
  String(r.failed),
  r.perSecond.toFixed(1),
  r.p50.toFixed(1),
  r.p99.toFixed(1),
  r.max.toFixed(1),
  r.rssMb.toFixed(0),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const t of table) console.log(line(t));
const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
console.log(`load average (1/5/15 min): ${fmt(loadAtStart)} at start, ${fmt(loadavg())} at end`);
