import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reports, reportValues, sourceDocuments } from "@/db/schema";
import { hashBytes } from "@/lib/ingest/hash-bytes";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { listDocumentIds, reparseDocument } from "@/lib/ingest/reparse-document";
import type { ParsedReport } from "@/lib/report/schema";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "real");
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

describe("reparse after a parser upgrade", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(async () => t?.drop());

  it("brings a report read by an older parser up to date and says what changed", async () => {
    const outcome = await ingestDocument(t.db, { bytes: read("shuyang-ndrc-2023.html"), fileName: "shuyang.html" });
    if (outcome.status === "rejected") throw new Error(outcome.reason);
    // Pretend an older parser had misread one cell.
    const [row] = await t.db.select().from(reports).where(eq(reports.id, outcome.reportId));
    const stale = structuredClone(row.parsed) as ParsedReport;
    const truth = stale.applications.received!.total;
    stale.applications.received!.total = (truth ?? 0) + 7;
    await t.db.update(reports).set({ parsed: stale }).where(eq(reports.id, outcome.reportId));
    await t.db
      .update(reportValues)
      .set({ app_received_total: (truth ?? 0) + 7 } as never)
      .where(eq(reportValues.reportId, outcome.reportId));

    const result = await reparseDocument(t.db, row.sourceDocumentId);
    expect(result.status).toBe("changed");
    expect(result.status === "changed" && result.changes).toContain(
      `applications.received.total: ${(truth ?? 0) + 7} → ${truth}`,
    );
    const [values] = await t.db.select().from(reportValues).where(eq(reportValues.reportId, outcome.reportId));
    expect((values as Record<string, unknown>).app_received_total).toBe(truth);
    expect((await reparseDocument(t.db, row.sourceDocumentId)).status).toBe("same");
  });

  it("imports a document that an older parser had rejected, with no re-upload", async () => {
    const bytes = read("mudanjiang-education-2019.txt");
    await t.db.insert(sourceDocuments).values({
      sha256: hashBytes(bytes),
      content: bytes,
      byteSize: bytes.byteLength,
      fileName: "mdj.txt",
      status: "rejected",
      errorCode: "NOT_A_REPORT",
      errorMessage: "旧版解析器无法识别",
    });
    const ids = await listDocumentIds(t.db);
    const outcomes = [];
    for (const id of ids) outcomes.push(await reparseDocument(t.db, id));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["recovered", "same"]);
    const [doc] = await t.db.select().from(sourceDocuments).where(eq(sourceDocuments.fileName, "mdj.txt"));
    expect(doc.status).toBe("parsed");
  });
});
