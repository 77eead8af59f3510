import { CELLS } from "@/db/cells";
import { type BenchContext, log } from "./context";
import { DIMENSION_COLUMNS } from "./dimensions";
import { formatMs, median } from "./figures";

export type IngestResult = { design: string; medianMs: number; perSec: number };

type StagedReport = Record<string, unknown> & { v: (string | null)[] };

const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(", ");

const dimensionValues = (r: StagedReport, id: number) => [
  id,
  r.agency_id,
  r.year,
  r.layout,
  r.province_code,
  r.prefecture_code,
  r.county_code,
  r.agency_kind,
];

const WIDE_INSERT = `insert into wide (${DIMENSION_COLUMNS}, ${CELLS.map((c) => c.column).join(", ")}) values (${placeholders(8 + CELLS.length)})`;
const ROLLUP_UPSERT = `insert into rollup (region_code, province_code, prefecture_code, county_code, year, agency_kind, reports,
        ${CELLS.map((c) => c.column).join(", ")}) values (coalesce($3, $2, $1), $1, $2, $3, $4, $5, 1, ${placeholders(CELLS.length, 6)})
      on conflict (year, region_code, agency_kind) do update set reports = rollup.reports + 1,
        ${CELLS.map((c) => `${c.column} = case when excluded.${c.column} is null then rollup.${c.column} else coalesce(rollup.${c.column}, 0) + excluded.${c.column} end`).join(", ")}`;

/** Per-report ingest into the loaded tables: one transaction per report, values sent from the client. */
export async function benchIngest(ctx: BenchContext): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const src = (await ctx.sql.unsafe(
    `select ${DIMENSION_COLUMNS}, array_to_json(array[${CELLS.map((c) => `${c.column}::numeric`).join(", ")}]) as v from bench_stage where report_id <= ${ctx.config.ingestReports} order by report_id`,
  )) as unknown as StagedReport[];
  for (const r of src) r.v = (r.v as (number | null)[]).map((x) => (x === null ? null : String(x)));

  const measure = async (design: string, insertOne: (r: StagedReport, id: number) => Promise<unknown>) => {
    const ms: number[] = [];
    const s0 = performance.now();
    let id = 50_000_000 + results.length * 100_000;
    for (const r of src) {
      const s = performance.now();
      await insertOne(r, id++);
      ms.push(performance.now() - s);
    }
    const total = performance.now() - s0;
    results.push({ design, medianMs: median(ms), perSec: (src.length / total) * 1000 });
    log(
      `ingest ${design}: median ${formatMs(median(ms))} ms/report, ${((src.length / total) * 1000).toFixed(0)} reports/s`,
    );
  };
  const sql = ctx.sql;
  await measure("wide (1 row)", (r, id) =>
    sql.begin((tx) => tx.unsafe(WIDE_INSERT, [...dimensionValues(r, id), ...r.v] as never[])),
  );
  await measure("wide + rollup upsert", (r, id) =>
    sql.begin(async (tx) => {
      await tx.unsafe(WIDE_INSERT, [...dimensionValues(r, id), ...r.v] as never[]);
      await tx.unsafe(ROLLUP_UPSERT, [
        r.province_code,
        r.prefecture_code,
        r.county_code,
        r.year,
        r.agency_kind,
        ...r.v,
      ] as never[]);
    }),
  );
  const insertLong = (facts: string, dims: string, sparse: boolean) => (r: StagedReport, id: number) =>
    sql.begin(async (tx) => {
      await tx.unsafe(
        `insert into ${dims} (${DIMENSION_COLUMNS}) values (${placeholders(8)})`,
        dimensionValues(r, id) as never[],
      );
      const rows = r.v
        .map((v, i) => ({ report_id: id, cell: i + 1, value: v }))
        .filter((x) => x.value !== null && (!sparse || Number(x.value) !== 0));
      if (rows.length) await tx`insert into ${tx(facts)} ${tx(rows as never, "report_id", "cell", "value")}`;
    });
  await measure("sparse long (dims + ~N rows)", insertLong("sparse", "long_reports", true));
  await measure("dense long (dims + ~200 rows), 100k tier", insertLong("dense_s", "long_reports_s", false));
  return results;
}
