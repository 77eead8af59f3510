import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chartQuerySchema, overviewExportQuerySchema } from "@/lib/filters/dashboard-filter";
import { describeInputIssues } from "@/lib/http/describe-input-issues";
import { agencyChartQuerySchema } from "@/lib/queries/agency-charts";

const SCHEMAS = { chartQuerySchema, overviewExportQuerySchema, agencyChartQuerySchema };
// Words of zod's own English messages; our messages may still quote the accepted URL values (json、csv …).
const LIBRARY_ENGLISH = /invalid|expected|received|too small|too big|must|string|number|option/i;

describe("what a user reads about bad request parameters", () => {
  it("names the parameter in Chinese and says why, with no library English", () => {
    const result = chartQuerySchema.safeParse({ year: "abc", from: "NaN", kind: "bogus", format: "exe" });
    expect(result.success).toBe(false);
    const message = describeInputIssues(result.error!.issues);
    expect(message).toMatch(/参数“(年度|起始年度|机关类型|下载格式)”/);
    expect(message).not.toMatch(LIBRARY_ENGLISH);
  });

  it.each(Object.keys(SCHEMAS))("stays Chinese for any malformed value given to %s", (name) => {
    const schema = SCHEMAS[name as keyof typeof SCHEMAS];
    const keys = ["region", "from", "to", "kind", "layout", "year", "metric", "group", "format", "rows"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.string({ maxLength: 12 })), (query) => {
        const result = schema.safeParse(query);
        if (result.success) return;
        const message = describeInputIssues(result.error.issues);
        expect(message).toMatch(/[\u4e00-\u9fff]/);
        expect(message).not.toMatch(LIBRARY_ENGLISH);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a page's id segment", () => {
  it("is a row id only when a PostgreSQL serial can hold it", async () => {
    const { parseRowId } = await import("@/lib/http/route-params");
    expect(parseRowId("12")).toBe(12);
    expect(parseRowId("2147483647")).toBe(2147483647);
    for (const bad of ["0", "-1", "2147483648", "99999999999999999999", "1e3", "12abc", "", " 12", "012"]) {
      expect(parseRowId(bad), bad).toBeNull();
    }
  });
});
