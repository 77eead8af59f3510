import { describe, expect, it } from "vitest";
import { computeChange, getMetric, judgeChange, METRICS } from "@/lib/metrics";

describe("a change is judged by the metric's direction, not by its sign", () => {
  it("a fall in missing agencies is better; a rise in the correction rate is worse; volumes are neither", () => {
    const fall = computeChange(1, 3);
    const rise = computeChange(0.4, 0.2);
    expect(judgeChange(fall, getMetric("quality.missing").direction)).toBe("better");
    expect(judgeChange(rise, getMetric("review.correctionRate").direction)).toBe("worse");
    expect(judgeChange(rise, getMetric("outcomes.openRate").direction)).toBe("better");
    expect(judgeChange(rise, getMetric("applications.received").direction)).toBe("neutral");
    expect(judgeChange(computeChange(2, 2), "up-good")).toBe("neutral");
    expect(judgeChange(computeChange(2, null), "up-bad")).toBe("neutral");
  });

  it("every metric that is judged is a rate or a count of failures, never a plain volume of work", () => {
    for (const m of METRICS.filter((m) => m.direction && m.direction !== "neutral"))
      expect(m.unit === "%" || /缺报|逾期|问题/.test(m.name), m.id).toBe(true);
  });
});
