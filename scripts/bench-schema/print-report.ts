import type { Timed } from "./context";
import { formatBytes, formatMs } from "./figures";
import type { IngestResult } from "./ingest-bench";
import type { TableSize } from "./measure-tables";
import { QUERY_LABELS } from "./query-set";
import type { QueryResult } from "./run-queries";

export type BenchFigures = {
  meta: Record<string, unknown>;
  load: Timed[];
  sizes: TableSize[];
  results: QueryResult[];
  ingest: IngestResult[];
};

const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - [...s].length));
const padStart = (s: string, n: number) => " ".repeat(Math.max(0, n - [...s].length)) + s;

/** The figures as the tables docs/schema-decision.md quotes. */
export function printReport(figures: BenchFigures, warmRuns: number): void {
  const { meta, load, sizes, results, ingest } = figures;
  console.log("\n══ Machine / settings ══");
  console.log(JSON.stringify(meta, null, 1));
  console.log("\n══ Load (bulk INSERT … SELECT from the unlogged staging table; s) ══");
  for (const l of load) console.log(`${pad(l.label, 64)} ${padStart((l.ms / 1000).toFixed(1), 8)}`);
  console.log("\n══ Sizes on disk ══");
  console.log(
    `${pad("table", 18)}${padStart("rows", 13)}${padStart("heap+toast", 12)}${padStart("indexes", 12)}${padStart("total", 12)}`,
  );
  for (const s of sizes)
    console.log(
      `${pad(s.table, 18)}${padStart(String(s.rows), 13)}${padStart(formatBytes(s.heap), 12)}${padStart(formatBytes(s.indexes), 12)}${padStart(formatBytes(s.total), 12)}`,
    );
  const designs = [...new Set(results.map((r) => r.design))];
  const ids = [...new Set(results.map((r) => r.id))];
  console.log(`\n══ Queries: median of ${warmRuns} warm runs / cold first run (ms) ══`);
  console.log(pad("query", 10) + designs.map((d) => padStart(d, 20)).join(""));
  for (const id of ids) {
    const cells = designs.map((d) => {
      const r = results.find((x) => x.design === d && x.id === id);
      return padStart(r ? `${formatMs(r.medianMs)} / ${formatMs(r.coldMs)}` : "—", 20);
    });
    console.log(pad(id, 10) + cells.join(""));
  }
  for (const id of ids)
    console.log(
      `  ${id}: ${QUERY_LABELS[id.replace("+idx", "")] ?? ""}${id.endsWith("+idx") ? " (with (province_code, year) index)" : ""}`,
    );
  console.log("\n══ Plans ══");
  for (const r of results) console.log(`${pad(r.design, 10)} ${pad(r.id, 7)} ${r.plan}`);
  console.log("\n══ Ingest, one transaction per report ══");
  for (const i of ingest)
    console.log(
      `${pad(i.design, 44)} median ${padStart(formatMs(i.medianMs), 7)} ms   ${padStart(i.perSec.toFixed(0), 6)} reports/s`,
    );
}
