import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteReport } from "@/lib/ingest/delete-report";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import { getCachedAgencyPage } from "@/lib/queries/agency-page";
import { createTestDatabase, type DriverKind, type TestDatabase } from "../support/test-db";

const FIXTURE = path.join(import.meta.dirname, "..", "fixtures", "real", "mudanjiang-education-2019.txt");

describe.each<DriverKind>(["postgres", "pglite"])("deleting a report version [%s]", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("the very next page load no longer shows the deleted version, however soon it comes", async () => {
    const text = fs.readFileSync(FIXTURE, "utf8");
    const first = await ingestDocument(t.db, { bytes: new TextEncoder().encode(text), fileName: "v1.txt" });
    const second = await ingestDocument(t.db, {
      bytes: new TextEncoder().encode(`${text}\n更正版\n`),
      fileName: "v2.txt",
    });
    if (first.status === "rejected" || second.status === "rejected") throw new Error("fixture rejected");
    const versionsOf = async () =>
      (await getCachedAgencyPage(t.db, second.agencyId, "all")).value?.versions.map((v) => v.reportId) ?? [];
    expect(await versionsOf()).toContain(second.reportId);

    await deleteReport(t.db, second.reportId);
    // Within the dataset version's cache lifetime: the page must come from the new version, not the cached one.
    expect(await versionsOf()).not.toContain(second.reportId);
    expect(await versionsOf()).toContain(first.reportId);
  });
});
