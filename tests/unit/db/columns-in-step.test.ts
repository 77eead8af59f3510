import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderColumnFiles } from "@/scripts/generate-db-columns";

describe("db column lists", () => {
  it.each(Object.entries(renderColumnFiles()))("%s is in step with the vocabulary", (file, expected) => {
    const actual = readFileSync(path.join(import.meta.dirname, "../../..", file), "utf8");
    expect(
      actual === expected,
      `${file} is out of step with lib/report/schema and lib/metrics: run npm run db:columns`,
    ).toBe(true);
  });
});
