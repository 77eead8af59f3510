import { describe, expect, it } from "vitest";
import {
  buildChildrenOption,
  buildHeatmapOption,
  buildOutcomesOption,
  buildQualityOption,
} from "@/components/chart-options";
import type { ChartTable } from "@/lib/charts/chart-table";

const table = (columns: ChartTable["columns"], rows: ChartTable["rows"]): ChartTable => ({
  chart: "quality-by-year",
  title: "",
  filter: {},
  params: {},
  columns,
  rows,
  notes: [],
  metrics: [],
  rowsKind: "view",
  datasetVersion: "r1",
  generatedAt: "",
});

type Tooltip = { formatter: (p: unknown) => string };
const tooltipOf = (option: Record<string, unknown>) => option.tooltip as Tooltip;

describe("chart tooltips show each ratio's n", () => {
  it("quality: counts as they are, rates with the reports they count", () => {
    const t = table(
      [],
      [{ year: 2021, received: 3, missing: 1, late: 1, onTimeRate: 0.5, onTimeRateN: 2, checksPassedRateN: 3 }],
    );
    const text = tooltipOf(buildQualityOption(t)).formatter([
      { seriesIndex: 0, dataIndex: 0, value: 3, axisValue: "2021年" },
      { seriesIndex: 3, dataIndex: 0, value: 50, axisValue: "2021年" },
    ]);
    expect(text).toBe("2021年<br/>收到报告：3<br/>按时发布率：50.0%（n = 2）");
  });

  it("outcomes: each share with its own n", () => {
    const t = table([], [{ year: 2021, grantedShare: 0.5, grantedShareN: 7 }]);
    const text = tooltipOf(buildOutcomesOption(t)).formatter([
      { seriesIndex: 0, dataIndex: 0, value: 50, axisValue: "2021年" },
    ]);
    expect(text).toMatch(/：50\.0%（n = 7）$/);
  });

  it("heatmap and children: the cell's or bar's n, with names escaped", () => {
    const heat = table(
      [
        { key: "code", label: "代码", type: "text" },
        { key: "y2021", label: "2021年", type: "number", unit: "%" },
      ],
      [{ code: "230000", name: "<b>黑龙江省</b>", y2021: 0.5, n2021: 2 }],
    );
    expect(tooltipOf(buildHeatmapOption(heat)).formatter({ seriesIndex: 0, value: [0, 0, 50] })).toBe(
      "&#60;b&#62;黑龙江省&#60;/b&#62; 2021年：50%（n = 2）",
    );
    const children = table(
      [{ key: "value", label: "按时发布率", type: "number", unit: "%" }],
      [{ name: "牡丹江市", value: 0.25, n: 4 }],
    );
    expect(
      tooltipOf(buildChildrenOption(children)).formatter([
        { seriesIndex: 0, dataIndex: 0, value: 25, axisValue: "牡丹江市" },
      ]),
    ).toBe("牡丹江市<br/>按时发布率：25.0%（n = 4）");
  });

  it("heatmap: a missing report and an incomputable figure are their own grey cells, never a 0 of the scale", () => {
    const heat = table(
      [
        { key: "code", label: "代码", type: "text" },
        { key: "y2022", label: "2022年", type: "number" },
        { key: "y2023", label: "2023年", type: "number" },
      ],
      [
        { code: "231000", name: "牡丹江市", y2022: 0, n2022: 3, y2023: null, n2023: 0 },
        { code: "230100", name: "哈尔滨市", y2022: 1291, n2022: 5, y2023: null, n2023: 4 },
      ],
    );
    const option = buildHeatmapOption(heat) as unknown as {
      visualMap: { seriesIndex: number; min: number; max: number };
      series: { name: string; data: number[][]; label: { formatter?: string } }[];
    };
    expect(option.visualMap).toMatchObject({ seriesIndex: 0, min: 0, max: 1291 });
    expect(option.series[0].data).toEqual([
      [0, 0, 0],
      [0, 1, 1291],
    ]);
    expect(option.series[1]).toMatchObject({ name: "缺报", data: [[1, 0, 0]], label: { formatter: "缺报" } });
    expect(option.series[2]).toMatchObject({ name: "—", data: [[1, 1, 0]] });
    const tip = tooltipOf(option as never).formatter;
    expect(tip({ seriesIndex: 1, value: [1, 0, 0] })).toBe("牡丹江市 2023年：缺报（该年度没有导入报告）");
  });
});
