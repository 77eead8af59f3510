import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/ingest/parse-document";
import { resolveRegion } from "@/lib/regions";
import { parseReport } from "@/lib/report/parse-report";

const FILE = "shuyang-ndrc-2023.html";
const bytes = new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../../fixtures/real", FILE)));
const opts = { fileName: FILE, mediaType: "text/html", timeoutMs: 20_000 };

describe("parseReport's region resolver is the caller's", () => {
  it("leaves the region out when no resolver is given", async () => {
    const report = await parseReport(bytes, opts);
    expect("region" in report).toBe(false);
    expect(report.issues.some((i) => i.code === "REGION_UNRESOLVED")).toBe(false);
  });

  it("asks the given resolver, with the agency and the opening text", async () => {
    const queries: { agency: string | null; text: string }[] = [];
    const report = await parseReport(bytes, {
      ...opts,
      resolveRegion: (query) => {
        queries.push(query);
        return { region: null, ambiguous: ["320000", "110000"] };
      },
    });
    expect(queries).toHaveLength(1);
    expect(queries[0].agency).toBe(report.agency);
    expect(report.region).toBeNull();
    const unresolved = report.issues.find((i) => i.code === "REGION_UNRESOLVED");
    expect(unresolved?.detail).toEqual({ candidates: ["320000", "110000"] });
  });

  it("parseDocument is parseReport with lib/regions' resolver", async () => {
    const direct = await parseReport(bytes, { ...opts, resolveRegion });
    const viaIngest = await parseDocument(bytes, opts);
    expect(JSON.stringify(viaIngest)).toBe(JSON.stringify(direct));
    expect(viaIngest.region?.code).toMatch(/^32/);
  });
});
