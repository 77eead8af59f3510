/**
 * Renders one seeded sample, to look at or to reproduce a property-test failure:
 *   npx tsx scripts/sample.ts --shape html --seed 12 [--messiness 0.5] [--out sample.html] [--parse] [--expected]
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compareParse, generateSample, SHAPES, type Shape } from "@/lib/report/generate";
import { parseReport } from "@/lib/report/parse-report";

const { values } = parseArgs({
  options: {
    shape: { type: "string", default: "html" },
    seed: { type: "string", default: "1" },
    messiness: { type: "string" },
    out: { type: "string" },
    parse: { type: "boolean", default: false },
    expected: { type: "boolean", default: false },
  },
});
const shape = values.shape as Shape;
if (!SHAPES.includes(shape)) throw new Error(`--shape must be one of ${SHAPES.join(", ")}`);
const sample = await generateSample(
  Number(values.seed),
  shape,
  values.messiness === undefined ? {} : { messiness: Number(values.messiness) },
);
const doc = sample.document;
console.log(
  `${doc.fileName}  ${doc.mediaType}  ${doc.encoding ?? ""}  ${doc.bytes.length} bytes  messiness ${sample.messiness.toFixed(2)}`,
);
const byKind = new Map<string, { issue: string; note: string; cells: string[]; count: number }>();
for (const d of doc.expected.deviations) {
  const key = `${d.kind} [${d.issue}]`;
  const entry = byKind.get(key) ?? { issue: d.issue, note: d.note, cells: [], count: 0 };
  entry.cells.push(...d.cells);
  entry.count++;
  byKind.set(key, entry);
}
for (const [key, e] of byKind) {
  const cells = e.cells.length > 4 ? `${e.cells.slice(0, 4).join(" ")} … (${e.cells.length} cells)` : e.cells.join(" ");
  console.log(`  ${key} ×${e.count} ${e.note} ${cells}`);
}
if (values.out) {
  writeFileSync(values.out, doc.bytes);
  console.log(`written to ${values.out}`);
}
if (values.expected) console.log(JSON.stringify(sample.report, null, 1));
if (values.parse) {
  const parsed = await parseReport(doc.bytes, { fileName: doc.fileName, mediaType: doc.mediaType, timeoutMs: 30_000 });
  const problems = compareParse(doc.expected, parsed);
  console.log(problems.length === 0 ? "parse: every cell recovered" : `parse: ${problems.length} problem(s)`);
  for (const p of problems)
    console.log(`  ${p.cell}: expected ${JSON.stringify(p.expected)}, got ${JSON.stringify(p.got)} — ${p.why}`);
  const issues = parsed.issues.map((i) => `  issue ${i.code} ${i.message} ${i.cells.join(" ")}`);
  console.log(issues.join("\n"));
}
