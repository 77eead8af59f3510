/**
 * Parser throughput on the real reports beside the project, against a bare pass over the same bytes, then on a
 * seeded synthetic corpus, per rendering:
 *   npm run bench:parse [-- --rounds 50 --count 300 --slow-count 60 --seed 1 --shapes html,pdf]
 * Prints documents/s, p50/p99/max latency of parseReport alone (rendering excluded) and the process's peak RSS.
 */
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseDocument } from "@/lib/ingest/parse-document";
import { generateSample, RENDERINGS, type Rendering } from "@/lib/sample/generate";
import { listRealDocuments, measureRealDocuments, type RealFigures } from "./support/bench-real-documents";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "300" },
    "slow-count": { type: "string", default: "60" },
    seed: { type: "string", default: "1" },
    shapes: { type: "string" },
    rounds: { type: "string", default: "50" },
    "real-only": { type: "boolean", default: false },
    "skip-real": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(`npm run bench:parse [-- options]
  --rounds N       rounds over the real documents (../shared/fixtures/real and ../shared/seed, else
                   tests/fixtures/real), each also timed as a bare pass; default 50
  --real-only      the real documents only; --skip-real: the synthetic corpus only
  --count N        documents per text rendering (html, text-lines, run-together, markdown); default 300
  --slow-count N   documents per DOCX/PDF rendering; default 60
  --seed N         first seed of the generated corpus; default 1
  --shapes a,b     renderings to run, in this order; default ${RENDERINGS.join(",")}
Real documents: parser docs/s next to a bare pass over the same bytes (the parser's decoder, tags stripped from
HTML, numbers tokenised by a regex), their ratio in wall time and in process CPU time (steadier on a busy
machine), p50/max ms after one cold parse per document (shown apart).
Latency is parseReport alone, from the first document of the process (the first PDF includes whatever part of
loading pdf.js is not done yet). Machine load is printed with the table: compare runs made under the same load.`);
  process.exit(0);
}
const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
const renderings = (values.shapes?.split(",") ?? RENDERINGS) as Rendering[];
const seed = Number(values.seed);

function printTable(header: string[], table: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const t of table) console.log(line(t));
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function summariseReal(label: string, figures: RealFigures[]): string[] {
  const parse = figures.flatMap((f) => f.parseMs).sort((a, b) => a - b);
  const parseTotal = parse.reduce((a, b) => a + b, 0);
  const bareTotal = figures.flatMap((f) => f.bareMs).reduce((a, b) => a + b, 0);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const cpuRatio = sum(figures.flatMap((f) => f.bareCpuMs)) / sum(figures.flatMap((f) => f.parseCpuMs));
  return [
    label,
    String(parse.length),
    String(figures.reduce((n, f) => n + f.threw, 0)),
    ((parse.length / parseTotal) * 1000).toFixed(1),
    ((parse.length / bareTotal) * 1000).toFixed(0),
    `${((bareTotal / parseTotal) * 100).toFixed(1)}%`,
    `${(cpuRatio * 100).toFixed(1)}%`,
    quantile(parse, 0.5).toFixed(2),
    (parse[parse.length - 1] ?? Number.NaN).toFixed(2),
    Math.max(...figures.map((f) => f.firstMs)).toFixed(1),
  ];
}

if (!values["skip-real"]) {
  const root = path.resolve(import.meta.dirname, "..");
  const { dirs, documents } = listRealDocuments(root);
  const loadReal = loadavg();
  const figures = await measureRealDocuments(documents, Number(values.rounds));
  console.log(`Real documents (${dirs.map((d) => path.relative(root, d)).join(", ")}), ${values.rounds} rounds:`);
  const textual = figures.filter((f) => f.textual);
  printTable(
    ["document", "parses", "threw", "docs/s", "bare docs/s", "ratio", "CPU ratio", "p50 ms", "max ms", "cold ms"],
    [
      ...figures.map((f) => summariseReal(f.name, [f])),
      ...(textual.length && textual.length < figures.length ? [summariseReal("all HTML/text", textual)] : []),
      summariseReal("all", figures),
    ],
  );
  console.log(`load average (1/5/15 min): ${fmt(loadReal)} at start, ${fmt(loadavg())} at end\n`);
}

if (!values["real-only"]) {
  const loadSynthetic = loadavg();
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

  printTable(
    ["rendering", "docs", "threw", "docs/s", "p50 ms", "p99 ms", "max ms", "peak RSS MB"],
    rows.map((r) => [
      r.rendering,
      String(r.docs),
      String(r.failed),
      r.perSecond.toFixed(1),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.max.toFixed(1),
      r.rssMb.toFixed(0),
    ]),
  );
  console.log(`load average (1/5/15 min): ${fmt(loadSynthetic)} at start, ${fmt(loadavg())} at end`);
}
