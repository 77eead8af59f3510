import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { compareParse, generateSample, type ParseProblem, RENDERINGS, type Rendering } from "@/lib/sample/generate";

// PROPERTY_RUNS sets the text shapes' count; docx and pdf (slow to build and read) run 30% of it.
const BASE_RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const BASE_SEED = Number(process.env.PROPERTY_SEED ?? 1);
const ONLY_SHAPES = process.env.PROPERTY_SHAPES?.split(",").filter(Boolean) as Rendering[] | undefined;
const REPORT_PATH = process.env.PROPERTY_REPORT;

function countRuns(shape: Rendering): number {
  return shape === "docx" || shape === "pdf" ? Math.max(1, Math.ceil(BASE_RUNS * 0.3)) : BASE_RUNS;
}

type Failure = { seed: number; shape: Rendering; messiness: number; problems: ParseProblem[] };

function describeFailures(shape: Rendering, failures: Failure[], runs: number): string {
  const lines = [`${shape}: ${failures.length}/${runs} documents not recovered`];
  for (const f of failures.slice(0, 8)) {
    lines.push(`  seed ${f.seed} (messiness ${f.messiness.toFixed(2)}): ${f.problems.length} problem(s)`);
    for (const p of f.problems.slice(0, 4)) {
      lines.push(`    ${p.cell}: expected ${JSON.stringify(p.expected)}, got ${JSON.stringify(p.got)} — ${p.why}`);
    }
  }
  const seed = failures[0]?.seed ?? BASE_SEED;
  lines.push(
    `  reproduce: PROPERTY_SHAPES=${shape} PROPERTY_SEED=${seed} PROPERTY_RUNS=1 npx vitest run tests/unit/report/parse-roundtrip.property.test.ts`,
    `  or inspect it: generateSample(${seed}, "${shape}") from @/lib/sample/generate`,
  );
  return lines.join("\n");
}

describe.each((ONLY_SHAPES ?? RENDERINGS).map((shape) => [shape]))("parseDocument(render(report)) as %s", (shape) => {
  const runs = countRuns(shape);
  it(`recovers every cell of ${runs} seeded random reports`, { timeout: 20 * 60_000 }, async () => {
    const failures: Failure[] = [];
    for (let i = 0; i < runs; i++) {
      const seed = BASE_SEED + i;
      const sample = await generateSample(seed, shape);
      const { bytes, fileName, mediaType, expected } = sample.document;
      let problems: ParseProblem[];
      try {
        const parsed = await parseDocument(bytes, { fileName, mediaType, timeoutMs: 30_000 });
        problems = compareParse(expected, parsed);
      } catch (error) {
        problems = [{ cell: "(document)", expected: "a parse", got: String(error), why: "parser threw" }];
      }
      if (problems.length > 0) failures.push({ seed, shape, messiness: sample.messiness, problems });
    }
    if (REPORT_PATH) writeFileSync(`${REPORT_PATH}.${shape}.json`, JSON.stringify({ shape, runs, failures }, null, 1));
    expect(failures.length, describeFailures(shape, failures, runs)).toBe(0);
  });
});
