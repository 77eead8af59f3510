import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reports, reportValues, sourceDocuments } from "@/db/schema";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "real");
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

describe.each<DriverKind>(["postgres", "pglite"])("ingestion on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  const currentReports = async (agencyId: number) =>
    t.db.select().from(reports).where(eq(reports.agencyId, agencyId)).orderBy(reports.id);

  it("stores a new report, and the same bytes again are unchanged", async () => {
    const bytes = read("shuyang-ndrc-2023.html");
    const first = await ingestDocument(t.db, { bytes, fileName: "shuyang.html" });
    expect(first).toMatchObject({ status: "new", agency: "沭阳县发展和改革局", year: 2023 });
    const again = await ingestDocument(t.db, { bytes, fileName: "copy.html" });
    expect(again.status).toBe("unchanged");
    if (first.status === "rejected") throw new Error("unreachable");
    expect(await currentReports(first.agencyId)).toHaveLength(1);
    const [doc] = await t.db.select().from(sourceDocuments).where(eq(sourceDocuments.fileName, "shuyang.html"));
    expect(Buffer.from(doc.content).equals(Buffer.from(bytes))).toBe(true);
    expect(doc.status).toBe("parsed");
  });

  it("new bytes for an agency-year become the current version and keep the old one as history", async () => {
    const original = read("mudanjiang-education-2019.txt");
    const corrected = new TextEncoder().encode(`${new TextDecoder().decode(original)}\n（本报告已更正）\n`);
    const first = await ingestDocument(t.db, { bytes: original, fileName: "mdj.txt" });
    const second = await ingestDocument(t.db, { bytes: corrected, fileName: "mdj-v2.txt" });
    expect(first.status).toBe("new");
    expect(second.status).toBe("updated");
    if (second.status === "rejected") throw new Error("unreachable");
    const versions = await currentReports(second.agencyId);
    expect(versions.map((v) => v.isCurrent)).toEqual([false, true]);
    expect(versions[0].supersededAt).not.toBeNull();
    const values = await t.db.select().from(reportValues).where(eq(reportValues.agencyId, second.agencyId));
    expect(values.map((v) => v.reportId)).toEqual([second.reportId]);
    // Re-running the old batch does not bring the old version back.
    expect((await ingestDocument(t.db, { bytes: original, fileName: "mdj.txt" })).status).toBe("unchanged");
    expect((await currentReports(second.agencyId)).filter((v) => v.isCurrent).map((v) => v.id)).toEqual([
      second.reportId,
    ]);
  });

  it("rejects a non-report with a Chinese reason, keeps its bytes, and touches no report", async () => {
    const [{ n: before }] = await t.db.select({ n: count() }).from(reports);
    const bytes = new TextEncoder().encode("<html><body><h1>今日要闻</h1><p>天气晴朗。</p></body></html>");
    const outcome = await ingestDocument(t.db, { bytes, fileName: "news.html" });
    expect(outcome.status).toBe("rejected");
    if (outcome.status !== "rejected") throw new Error("unreachable");
    expect(outcome.reason).toMatch(/[\u4e00-\u9fa5]/);
    const [{ n: after }] = await t.db.select({ n: count() }).from(reports);
    expect(after).toBe(before);
    const [doc] = await t.db.select().from(sourceDocuments).where(eq(sourceDocuments.fileName, "news.html"));
    expect(doc.status).toBe("rejected");
    expect(doc.errorMessage).toBe(outcome.reason);
  });

  it("concurrent ingests of the same agency-year leave exactly one current report", async () => {
    const base = new TextDecoder().decode(read("pingtan-2023-flattened.txt"));
    const variants = [0, 1, 2, 3].map((i) => new TextEncoder().encode(`${base}\n版本 ${i}\n`));
    const outcomes = await Promise.all([...variants, ...variants].map((bytes) => ingestDocument(t.db, { bytes })));
    expect(outcomes.every((o) => o.status !== "rejected")).toBe(true);
    const agencyId = (outcomes[0] as { agencyId: number }).agencyId;
    const versions = await currentReports(agencyId);
    expect(versions.filter((v) => v.isCurrent)).toHaveLength(1);
    expect(versions).toHaveLength(4);
    const docs = await t.db.select({ n: count() }).from(sourceDocuments);
    expect(docs[0].n).toBeGreaterThanOrEqual(4);
  });
});

describe("a document the database refuses", () => {
  it("is rejected with a Chinese reason while the batch goes on", async () => {
    const t = await createTestDatabase("postgres");
    try {
      const bad = await ingestDocument(t.db, {
        bytes: read("shuyang-ndrc-2023.html"),
        fileName: "bad-date.html",
        metadata: { publishedAt: "2024-02-30" },
      });
      expect(bad).toMatchObject({ status: "rejected", code: "STORE_FAILED" });
      if (bad.status !== "rejected") throw new Error("unreachable");
      expect(bad.reason).toContain("无法写入数据库");
      const [doc] = await t.db.select().from(sourceDocuments).where(eq(sourceDocuments.fileName, "bad-date.html"));
      expect(doc.status).toBe("rejected");
      const next = await ingestDocument(t.db, { bytes: read("mudanjiang-education-2019.txt"), fileName: "ok.txt" });
      expect(next.status).toBe("new");
    } finally {
      await t.drop();
    }
  });
});
