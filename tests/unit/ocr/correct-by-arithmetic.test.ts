import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { correctByArithmetic, listVariants } from "@/lib/ocr/correct-by-arithmetic";
import type { ParsedReport } from "@/lib/report/schema";

const REAL = path.resolve(__dirname, "../../../../shared/fixtures/real");

describe("the tables' arithmetic as the corrector of doubtful OCR readings", () => {
  let report: ParsedReport;
  beforeAll(async () => {
    report = await parseDocument(new Uint8Array(readFileSync(path.join(REAL, "hongze-district-2024.pdf"))), {
      fileName: "hongze.pdf",
      timeoutMs: 30_000,
    });
  }, 60_000);

  const misread = (path: string, value: number): ParsedReport => {
    const copy = structuredClone(report);
    const [table, row, col] = path.split(".");
    const tables = copy as unknown as Record<string, Record<string, Record<string, number>>>;
    tables[table][row][col] = value;
    return copy;
  };

  it("takes the engines' other reading when it mends the checks", () => {
    const wrong = misread("applications.granted.natural", 90);
    const fix = correctByArithmetic(wrong, [
      { key: "a", path: "applications.granted.natural", readings: ["90", "50"], variants: listVariants("90") },
    ]);
    expect(fix.chosen.get("a")).toBe("50");
    expect(fix.brokenBefore).toBeGreaterThan(0);
    expect(fix.brokenAfter).toBe(0);
    expect(fix.confirmed.has("applications.granted.natural")).toBe(true);
  });

  it("finds a digit read as its look-alike (6 for 5) among one-mistake variants", () => {
    const wrong = misread("applications.received.natural", 96);
    const fix = correctByArithmetic(wrong, [
      { key: "b", path: "applications.received.natural", readings: ["96"], variants: listVariants("96") },
    ]);
    expect(fix.chosen.get("b")).toBe("95");
    expect(fix.brokenAfter).toBe(0);
  });

  it("leaves a doubtful cell alone when the checks already hold, and changes nothing that mends no check", () => {
    const held = correctByArithmetic(report, [
      { key: "c", path: "applications.granted.natural", readings: ["50", "90"], variants: listVariants("50") },
    ]);
    expect(held.chosen.size).toBe(0);
    const wrong = misread("applications.received.natural", 96);
    const unrelated = correctByArithmetic(wrong, [
      { key: "d", path: "active.penalty.decisions", readings: ["2776", "2770"], variants: [] },
    ]);
    expect(unrelated.chosen.size).toBe(0);
    expect(unrelated.brokenAfter).toBe(unrelated.brokenBefore);
  });

  it("lists one-mistake variants: look-alike digits, a dropped digit, a doubled digit", () => {
    const v = listVariants("50");
    expect(v).toEqual(expect.arrayContaining(["60", "30", "58", "5", "550", "500"]));
    expect(v).not.toContain("50");
    expect(listVariants("7")).toEqual(expect.arrayContaining(["1", "77"]));
    expect(listVariants("12.5")).toEqual([]);
  });
});
