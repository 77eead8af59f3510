import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { type ParsedReport, parsedReportSchema } from "@/lib/report/schema";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/real");
const expected = JSON.parse(readFileSync(path.join(DIR, "expected.json"), "utf8")) as Record<
  string,
  Record<string, unknown>
>;

const MEDIA: Record<string, string> = { ".pdf": "application/pdf", ".html": "text/html", ".txt": "text/plain" };

function fileOf(key: string): string {
  return key.split(" ")[0];
}

function leafPaths(value: unknown, prefix: string[] = []): [string, unknown][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [[prefix.join("."), value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

function valueAt(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const part of dotted.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function matchesAbsent(report: ParsedReport, pattern: string): string[] {
  const [table, row] = pattern.split(".");
  const section = (report as Record<string, unknown>)[table] as Record<string, unknown> | undefined;
  if (!section) return [];
  const re = new RegExp(`^${row.replace("*", ".*")}$`);
  return Object.keys(section).filter((k) => re.test(k) && section[k] !== undefined && section[k] !== null);
}

const parsed = new Map<string, ParsedReport>();
async function parse(key: string): Promise<ParsedReport> {
  const file = fileOf(key);
  if (!parsed.has(file)) {
    const bytes = new Uint8Array(readFileSync(path.join(DIR, file)));
    parsed.set(
      file,
      await parseDocument(bytes, { fileName: file, mediaType: MEDIA[path.extname(file)], timeoutMs: 20_000 }),
    );
  }
  return parsed.get(file)!;
}

describe("golden: real reports against hand-read values", () => {
  for (const [key, want] of Object.entries(expected)) {
    describe(fileOf(key), () => {
      it("is a valid canonical report", async () => {
        const report = await parse(key);
        expect(() => parsedReportSchema.parse(report)).not.toThrow();
      });

      it("has the expected agency, year, format and publication date", async () => {
        const report = await parse(key);
        expect(report.agency).toBe(want.agency);
        expect(report.year).toBe(want.year);
        expect(report.format).toBe(want.format);
        if (want.publishedAt) expect(report.publishedAt).toBe(want.publishedAt);
      });

      it("reads every hand-read cell", async () => {
        const report = await parse(key);
        const cells = (
          ["active", "applications", "review", "litigationDirect", "litigationAfterReview"] as const
        ).flatMap((t) => (want[t] === undefined ? [] : leafPaths(want[t], [t])));
        expect(cells.length).toBeGreaterThan(10);
        const wrong = cells
          .map(([p, v]) => ({ path: p, want: v, got: valueAt(report, p) }))
          .filter((c) => c.got !== c.want);
        expect(wrong).toEqual([]);
      });

      it("leaves absent rows absent and flags them", async () => {
        const report = await parse(key);
        const absent = (want._absent as string[] | undefined) ?? [];
        for (const pattern of absent) expect(matchesAbsent(report, pattern)).toEqual([]);
        if (absent.length > 0) {
          const flagged = report.issues.filter((i) => i.code === "MISSING_ROW").flatMap((i) => i.cells);
          for (const pattern of absent) {
            const re = new RegExp(`^${pattern.replace(".", "\\.").replace("*", ".*")}`);
            expect(
              flagged.some((c) => re.test(c)),
              pattern,
            ).toBe(true);
          }
        }
      });
    });
  }

  it("pingtan: the 行政规范性文件 digits stay unresolved, with the candidate splits in an issue", async () => {
    const report = await parse("pingtan-2023-flattened.txt");
    expect(report.active.normativeDocs).toEqual({ made: null, repealed: null, inForce: null });
    const issue = report.issues.find(
      (i) => i.code === "AMBIGUOUS_SPLIT" && i.cells.includes("active.normativeDocs.made"),
    );
    expect(issue).toBeDefined();
    const candidates = issue!.detail!.candidates as number[][];
    expect(candidates.length).toBeGreaterThan(1);
    expect(candidates).toContainEqual([77, 13, 2470]);
    for (const c of candidates) expect(c.map(String).join("")).toBe("77132470");
  });

  it("pingtan: every other cell comes out resolved", async () => {
    const report = await parse("pingtan-2023-flattened.txt");
    const ambiguous = report.issues.filter((i) => i.code === "AMBIGUOUS_SPLIT");
    expect(ambiguous).toHaveLength(1);
  });

  it("hongze: the narrative's different request count is flagged, the table wins", async () => {
    const report = await parse("hongze-district-2024.pdf");
    expect(report.applications.received?.total).toBe(95);
    const issue = report.issues.find((i) => i.code === "NARRATIVE_MISMATCH");
    expect(issue?.cells).toContain("applications.received.total");
  });

  it("shuyang: blank 法人或其他组织 cells are 0 with a BLANK_CELL issue", async () => {
    const report = await parse("shuyang-ndrc-2023.html");
    const issue = report.issues.find((i) => i.code === "BLANK_CELL");
    expect(issue?.cells).toContain("applications.received.commercial");
    expect(issue?.cells).not.toContain("applications.received.natural");
  });

  it("mudanjiang: the truncated table is reported missing, not zero", async () => {
    const report = await parse("mudanjiang-education-2019.txt");
    expect(report.applications.processedTotal).toBeUndefined();
    expect(report.source?.shape).toBe("text");
  });
});
