import { describe, expect, it } from "vitest";
import { formatChinaDate, formatChinaTime } from "@/lib/china-time";

describe("times as a supervisor reads them", () => {
  it("are Beijing time whatever the server's zone, and date files by the Beijing day", () => {
    const lateUtc = new Date("2026-12-04T18:30:05Z");
    expect(formatChinaTime(lateUtc)).toBe("2026-12-05 02:30:05");
    expect(formatChinaDate(lateUtc)).toBe("2026-12-05");
  });
});
