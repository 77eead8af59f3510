import { describe, expect, it } from "vitest";
import { listSourceFiles, readSource } from "./source-files";

// Import direction between layers is enforced by Biome (noRestrictedImports overrides in biome.json); these are the
// rules an import pattern cannot express.

/** Data dictionaries may be long; everything else in lib/ is split before it gets there. */
const LONG_DATA_DICTIONARIES = new Set(["lib/metrics/definitions.ts"]);
const MAX_LIB_FILE_LINES = 500;

describe("module rules", () => {
  it("every lib/queries module is server-only", () => {
    const missing = listSourceFiles("lib/queries").filter((file) => !/^import "server-only";$/m.test(readSource(file)));
    expect(missing, 'add `import "server-only";` as the first import of these lib/queries modules').toEqual([]);
  });

  it("client-safe modules are not server-only", () => {
    const wrong = ["lib/report", "lib/metrics", "lib/charts", "lib/filters"]
      .flatMap((folder) => listSourceFiles(folder))
      .filter((file) => /^import "server-only";$/m.test(readSource(file)));
    expect(wrong, "these modules are imported by client components, CLI scripts or workers").toEqual([]);
  });

  it(`no lib/ file over ${MAX_LIB_FILE_LINES} lines except data dictionaries`, () => {
    const long = listSourceFiles("lib")
      .filter((file) => !LONG_DATA_DICTIONARIES.has(file))
      .map((file) => ({ file, lines: readSource(file).split("\n").length }))
      .filter((f) => f.lines > MAX_LIB_FILE_LINES);
    expect(long, "split these files into folders of files that each do one thing").toEqual([]);
  });
});
