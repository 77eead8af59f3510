// Reads the runners' JSON reports and the named checks, prints failures and one "N passed, N failed" line.
import fs from "node:fs";
import path from "node:path";

const out = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, file), "utf8"));
  } catch {
    return null;
  }
};

for (const line of fs.readFileSync(path.join(out, "checks.tsv"), "utf8").split("\n").filter(Boolean)) {
  const [name, status] = line.split("\t");
  if (status === "passed") passed++;
  else {
    failed++;
    failures.push(`check: ${name}`);
  }
}

const vitest = readJson("vitest.json");
if (!vitest) {
  failed++;
  failures.push("vitest: no report (the run crashed)");
} else {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  for (const file of vitest.testResults) {
    if (file.status === "failed" && file.assertionResults.every((a) => a.status !== "failed")) {
      failed++;
      failures.push(
        `vitest: ${path.relative(process.cwd(), file.name)} failed to run: ${(file.message ?? "").split("\n")[0]}`,
      );
    }
    for (const a of file.assertionResults) {
      if (a.status === "failed") failures.push(`vitest: ${path.relative(process.cwd(), file.name)} › ${a.fullName}`);
    }
  }
}

const playwright = readJson("playwright.json");
if (!playwright) {
  failed++;
  failures.push("playwright: no report (not run or crashed)");
} else {
  const s = playwright.stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
  if (playwright.errors?.length) {
    failed += playwright.errors.length;
    for (const e of playwright.errors) failures.push(`playwright: ${(e.message ?? "").split("\n")[0]}`);
  }
  const walk = (suite, trail) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === "unexpected")
          failures.push(`playwright: [${t.projectName}] ${[...trail, spec.title].join(" › ")}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...trail, child.title]);
  };
  for (const suite of playwright.suites) walk(suite, [suite.title]);
}

if (failures.length) {
  console.log("Failures:");
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
