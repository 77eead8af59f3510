import { describe, expect, it } from "vitest";
import { readPublishedAt } from "@/lib/report/meta";

describe("publication date", () => {
  it("reads a labelled metadata date", () => {
    expect(readPublishedAt("发布日期：2024年1月17日 来源：本站", 2023)).toBe("2024-01-17");
  });

  it("refuses a day the month does not have instead of inventing a date", () => {
    expect(readPublishedAt("发布日期：2024-04-31", 2023)).toBeNull();
    expect(readPublishedAt("发布日期：2023-02-29", 2022)).toBeNull();
    expect(readPublishedAt("发布日期：2024-02-29", 2023)).toBe("2024-02-29");
  });
});
