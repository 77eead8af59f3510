import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseDocument } from "@/lib/ingest/parse-document";
import { compareParse, generateSample, type Rendering } from "@/lib/sample/generate";

/**
 * Parser evaluation on converted documents (docs/parser-evaluation.md): a folder of `<seed>.<ext>` files made from
 * `generateSample(seed, shape)` by another program (LibreOffice, Chromium, pdftotext -layout), compared cell by cell.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ext: { type: "string", default: "pdf" },
    shape: { type: "string", default: "docx" },
    verbose: { type: "boolean", short: "v", default: false },
  },
});
const dir = positionals[0];
if (!dir) {
  console.error("用法：npm run eval:converted -- 目录 [--ext pdf|txt] [--shape docx|html] [-v]");
  process.exit(2);
}
let bad = 0;
let cells = 0;
let total = 0;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(`.${values.ext}`))
  .sort();
for (const f of files) {
  const seed = Number.parseInt(f, 10);
  const sample = await generateSample(seed, values.shape as Rendering);
  total++;
  try {
    const parsed = await parseDocument(new Uint8Array(readFileSync(`${dir}/${f}`)), { fileName: f, timeoutMs: 30_000 });
    // A converted document may be dated by its metadata rather than its date line; the cells are the point.
    const problems = compareParse(sample.document.expected, parsed).filter((p) => p.cell !== "publishedAt");
    if (problems.length === 0) continue;
    bad++;
    cells += problems.length;
    const shown = values.verbose ? JSON.stringify(problems.slice(0, 8)) : problems.slice(0, 4).map((p) => p.cell);
    console.log(seed, problems.length, shown);
  } catch (error) {
    bad++;
    console.log(seed, "THREW", (error as Error).message);
  }
}
console.log(`${bad}/${total} 份有问题，${cells} 个单元格`);
process.exit(0);
