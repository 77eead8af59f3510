import { describe, expect, it } from "vitest";
import { parseSnapshotPath, SNAPSHOT_PATH_MESSAGE, snapshotQuerySchema } from "@/lib/snapshot/snapshot-path";

describe("parseSnapshotPath", () => {
  it("accepts the overview and agency pages with their queries", () => {
    expect(parseSnapshotPath("/")).toMatchObject({ kind: "overview", path: "/" });
    const overview = parseSnapshotPath("/?region=231000&from=2020&metric=outcomes.openRate&table=children,heatmap");
    expect(overview).toMatchObject({ kind: "overview" });
    expect(overview?.query.get("region")).toBe("231000");
    expect(parseSnapshotPath("/agencies/12")).toMatchObject({ kind: "agency", agencyId: 12, path: "/agencies/12" });
    expect(parseSnapshotPath("/agencies/3?year=all")).toMatchObject({
      kind: "agency",
      agencyId: 3,
      path: "/agencies/3?year=all",
    });
  });

  it.each([
    "//evil.com",
    "//evil.com/",
    "///evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "/\t/evil.com",
    "http://evil.com/",
    "https://127.0.0.1:3000/",
    "http://127.0.0.1:3000/agencies/1",
    "javascript:alert(1)",
    "evil.com",
    "",
    "/api/snapshot?path=/",
    "/api/export/overview",
    "/api/charts/kpis",
    "/../",
    "/agencies/../api/health",
    "/agencies/1/../../api/health",
    "/agencies/%2e%2e/api/health",
    "/agencies/1%2f..%2f..%2fapi",
    "/./",
    "/agencies/0",
    "/agencies/-1",
    "/agencies/01",
    "/agencies/1.5",
    "/agencies/99999999999",
    "/agencies/1/",
    "/agencies/1/extra",
    "/agencies",
    "/login",
    "/admin/users",
    "/import",
    "/?region=231000#top",
    "/@evil.com",
    `/${"?a=1".repeat(1000)}`,
  ])("rejects %j", (path) => {
    expect(parseSnapshotPath(path)).toBeNull();
  });

  it("says in Chinese what the route accepts", () => {
    const result = snapshotQuerySchema.safeParse({ path: "//evil.com" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(SNAPSHOT_PATH_MESSAGE);
    expect(snapshotQuerySchema.safeParse({}).success).toBe(false);
  });
});
