import { describe, expect, it } from "vitest";
import { normaliseRadicals } from "@/lib/report/radicals";
import {
  attachWrappedLabels,
  joinWrappedNumbers,
  mergeSplitRows,
  type RawLine,
  stitchPageBreaks,
} from "@/lib/report/sources/pdf-rows";

const line = (y: number, ...chunks: [string, number, number][]): RawLine => ({
  y,
  size: 9,
  chunks: chunks.map(([text, x0, x1]) => ({ text, x0, x1 })),
});
const texts = (lines: RawLine[]) => lines.map((l) => l.chunks.map((c) => c.text).join(" "));
const neverWhole = () => false;

describe("attachWrappedLabels", () => {
  it("gives a row the label lines printed above and below its numbers, column by column", () => {
    const lines = [
      line(430, ["1.本机关不掌握", 137, 200], ["3", 270, 275], ["0", 309, 314]),
      line(418, ["（四）", 94, 130]),
      line(413, ["2.没有现成信息需要", 137, 243]),
      line(408, ["无法提", 94, 125], ["0", 270, 275], ["5", 309, 314]),
      line(403, ["另行制作", 137, 180]),
      line(398, ["供", 105, 114]),
      line(384, ["3.补正后申请内容仍不明确", 137, 250], ["0", 270, 275], ["0", 309, 314]),
    ];
    expect(texts(attachWrappedLabels(lines, neverWhole))).toEqual([
      "1.本机关不掌握 3 0",
      "（四）无法提供 2.没有现成信息需要另行制作 0 5",
      "3.补正后申请内容仍不明确 0 0",
    ]);
  });

  it("leaves a whole row label a row line's height away in place: that row's cells are all empty", () => {
    const lines = [
      line(430, ["2.重复申请", 137, 200], ["1", 270, 275], ["0", 309, 314]),
      line(416, ["3.要求提供公开出版物", 137, 230]),
      line(402, ["4.无正当理由大量反复申请", 137, 250], ["0", 270, 275], ["2", 309, 314]),
    ];
    const whole = (t: string) => t.includes("公开出版物");
    expect(texts(attachWrappedLabels(lines, whole))).toEqual(texts(lines));
  });

  it("does not take captions or header words printed over the value columns", () => {
    const lines = [
      line(430, ["行政许可", 80, 120], ["12", 370, 380]),
      line(418, ["第二十条第（六）项", 250, 345]),
      line(406, ["行政处罚", 80, 120], ["3", 370, 380]),
    ];
    expect(texts(attachWrappedLabels(lines, neverWhole))).toEqual(texts(lines));
  });
});

describe("joinWrappedNumbers", () => {
  it("joins the pieces of a number wrapped inside its cell into the row's empty column", () => {
    const lines = [
      line(414, ["112", 497, 511]),
      line(408, ["一、本年新收", 80, 250], ["782", 283, 297], ["36", 462, 472]),
      line(402, ["7", 501, 506]),
      line(380, ["二、上年结转", 80, 250], ["0", 288, 292], ["0", 465, 469], ["0", 502, 506]),
    ];
    expect(texts(joinWrappedNumbers(lines))).toEqual(["一、本年新收 782 36 1127", "二、上年结转 0 0 0"]);
  });

  it("leaves a single number near a row alone", () => {
    const lines = [
      line(414, ["5", 497, 511]),
      line(408, ["一、本年新收", 80, 250], ["782", 283, 297], ["36", 462, 472]),
    ];
    expect(texts(joinWrappedNumbers(lines))).toEqual(texts(lines));
  });
});

describe("stitchPageBreaks", () => {
  it("gives the rest of a label that opens the next page to the last row of the previous page", () => {
    const page1 = [line(83, ["（六）", 100, 125], ["1.申请人无正当理由", 160, 260], ["0", 283, 290], ["2", 500, 506])];
    const page2 = [
      line(780, ["逾期不补正、行政机", 160, 255]),
      line(765, ["关不再处理其政府信", 160, 255]),
      line(750, ["2.申请人逾期未按收费", 160, 265], ["0", 283, 290], ["0", 500, 506]),
    ];
    expect(texts(stitchPageBreaks([page1, page2]))).toEqual([
      "（六） 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信 0 2",
      "2.申请人逾期未按收费 0 0",
    ]);
  });

  it("leaves a page's running header and a new row's label alone", () => {
    const page1 = [line(83, ["8.属于行政查询事项", 160, 250], ["0", 283, 290])];
    const page2 = [
      line(800, ["某某市人民政府办公室", 250, 350]),
      line(780, ["（四）无法提供", 100, 150], ["1.本机关不掌握", 160, 240], ["1", 283, 290]),
    ];
    expect(texts(stitchPageBreaks([page1, page2]))).toEqual([...texts(page1), ...texts(page2)]);
  });
});

describe("mergeSplitRows", () => {
  it("makes one row of numbers printed on the two baselines of a two-line label", () => {
    const lines = [
      line(500, ["一、本年新收政府信息公开申请", 60, 180], ["118", 225, 240], ["0", 440, 447], ["146", 542, 557]),
      line(488, ["数量", 60, 80], ["21", 280, 292], ["0", 336, 343], ["0", 388, 395], ["7", 492, 499]),
      line(470, ["二、上年结转政府信息公开申请", 60, 180], ["0", 228, 235], ["2", 283, 290]),
    ];
    expect(texts(mergeSplitRows(lines))).toEqual([
      "一、本年新收政府信息公开申请数量 118 21 0 0 0 7 146",
      "二、上年结转政府信息公开申请 0 2",
    ]);
  });

  it("keeps two rows apart when the second starts a label of its own", () => {
    const lines = [
      line(500, ["（一）予以公开", 100, 180], ["89", 225, 240]),
      line(488, ["（二）部分公开", 100, 180], ["3", 280, 292]),
    ];
    expect(texts(mergeSplitRows(lines))).toEqual(texts(lines));
  });
});

describe("normaliseRadicals", () => {
  it("maps radicals that PDF fonts put for ideographs back to the ideographs", () => {
    expect(normaliseRadicals("⾸⻚>政务公开 古丈县⼈⺠政府 ⻓沙市⻔户⽹站")).toBe(
      "首页>政务公开 古丈县人民政府 长沙市门户网站",
    );
    expect(normaliseRadicals("人民政府 123")).toBe("人民政府 123");
  });
});
