import { describe, expect, it } from "vitest";
import type { ChartTable } from "@/lib/charts/chart-table";
import { findFrozenTable, isSameViewSearch, SHARE_TOKEN_PATTERN, withTableViews } from "@/lib/charts/shared-view";

describe("shared view helpers", () => {
  it("a view's query string keeps its table views; the data parameters decide whether two views are the same", () => {
    expect(withTableViews("region=231000&metric=outcomes.openRate", ["children", "heatmap"])).toBe(
      "region=231000&metric=outcomes.openRate&table=children%2Cheatmap",
    );
    expect(withTableViews("region=231000", [])).toBe("region=231000");
    expect(isSameViewSearch("metric=a&region=231000&table=children", "region=231000&metric=a")).toBe(true);
    expect(isSameViewSearch("", "table=kpis")).toBe(true);
    expect(isSameViewSearch("region=231000", "region=230100")).toBe(false);
    expect(isSameViewSearch("region=231000", "region=231000&year=2023")).toBe(false);
  });

  it("a card finds its stored table only under its exact chart and query string", () => {
    const table = { chart: "kpis", rows: [] } as unknown as ChartTable;
    const view = { token: "t", charts: [{ chart: "kpis" as const, params: {}, search: "region=231000", table }] };
    expect(findFrozenTable(view, "kpis", "region=231000")).toBe(table);
    expect(findFrozenTable(view, "kpis", "region=230100")).toBeUndefined();
    expect(findFrozenTable(view, "children", "region=231000")).toBeUndefined();
  });

  it("tokens are 24 base64url characters", () => {
    expect(SHARE_TOKEN_PATTERN.test("AbCdEfGhIjKlMnOpQrSt-_01")).toBe(true);
    expect(SHARE_TOKEN_PATTERN.test("AbCdEfGhIjKlMnOpQrSt-_0")).toBe(false);
    expect(SHARE_TOKEN_PATTERN.test("AbCdEfGhIjKlMnOpQrSt/+01")).toBe(false);
  });
});
