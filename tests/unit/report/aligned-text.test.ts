import { describe, expect, it } from "vitest";
import { alignedLines } from "@/lib/report/sources/aligned-text";

// The same three-row table aligned two ways: by character count (pdftotext -layout) and by display width (a
// terminal dump, where a Chinese character takes two columns). Either way each number sits under its header.
const ROWS = [
  ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
  ["规章", "3", "0", "12"],
  ["行政规范性文件", "15", "2", "108"],
];
const wide = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
function layout(width: (s: string) => number): string[] {
  const cols = ROWS[0].map((_, j) => Math.max(...ROWS.map((r) => width(r[j]))) + 3);
  return ROWS.map((r) =>
    r
      .map((cell, j) => {
        const pad = cols[j] - width(cell);
        // Numbers centred in their column, as exported tables print them.
        return j === 0
          ? cell + " ".repeat(pad)
          : " ".repeat(Math.floor(pad / 2)) + cell + " ".repeat(Math.ceil(pad / 2));
      })
      .join(""),
  );
}

describe("space-aligned text", () => {
  it.each([
    ["character count", (s: string) => [...s].length],
    ["display width", wide],
  ])("by %s: values line up with their header", (_name, width) => {
    const lines = layout(width);
    const { lines: out, positions } = alignedLines(lines);
    expect(out).toEqual(["信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 3 0 12", "行政规范性文件 15 2 108"]);
    const header = positions[0].slice(1);
    for (const row of positions.slice(1)) {
      row.slice(1).forEach((x, j) => {
        const nearest = header.reduce((best, h, k) => (Math.abs(h - x) < Math.abs(header[best] - x) ? k : best), 0);
        expect(nearest).toBe(j);
      });
    }
  });

  it("joins a number wrapped in its narrow cell and a label wrapped around its numbers", () => {
    // "1127" printed as "112" over "7" around its row; a label's lines around its numbers.
    const lines = [
      "信息内容                 申请数     办结数     结转数",
      "                          112",
      "一、本年新收申请数量                 5          1",
      "                           7",
      "1.本机关不掌握相关",
      "                          3          3          0",
      "政府信息",
      "2.重复申请                 0          0          0",
    ];
    expect(alignedLines(lines).lines).toEqual([
      "信息内容 申请数 办结数 结转数",
      "一、本年新收申请数量 1127 5 1",
      "1.本机关不掌握相关政府信息 3 3 0",
      "2.重复申请 0 0 0",
    ]);
  });
});
