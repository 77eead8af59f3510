import { load } from "cheerio";
import type { Element } from "domhandler";
import { describe, expect, it } from "vitest";
import { TimeBudget } from "@/lib/report/errors";
import { extractHtml, tableToRows } from "@/lib/report/sources/html";

function rowsOf(html: string): string[][] {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  return tableToRows($("table")[0] as Element, new TimeBudget(1000));
}

describe("HTML tables", () => {
  it("expands rowspan and collapses colspan copies", () => {
    const rows = rowsOf(`<table>
      <tr><td rowspan="3">三、本年度办理结果</td><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>1</td><td>2</td></tr>
      <tr><td>2.其他法律<br>行政法规禁止公开</td><td>&nbsp;</td><td>4</td></tr>
      <tr><td colspan="2">（七）总计</td><td>5</td><td>6</td></tr>
    </table>`);
    expect(rows).toEqual([
      ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "1", "2"],
      ["三、本年度办理结果", "（三）不予公开", "2.其他法律 行政法规禁止公开", "", "4"],
      ["三、本年度办理结果", "（七）总计", "5", "6"],
    ]);
  });

  it("reads labels split across Word spans and ignores <o:p> junk", () => {
    const rows = rowsOf(
      `<table><tr><td><p><span>4.保护第三</span><span><font>方合法权益</font></span><o:p></o:p></p></td><td><p><span>3<o:p></o:p></span></p></td></tr></table>`,
    );
    expect(rows).toEqual([["4.保护第三方合法权益", "3"]]);
  });

  it("treats a layout table that holds tables as a container", () => {
    const { items } = extractHtml(
      `<table><tr><td>菜单</td><td><table><tr><td>规章</td><td>0</td><td>1</td><td>2</td></tr></table></td></tr></table>`,
      new TimeBudget(1000),
    );
    expect(items).toContainEqual({ kind: "row", labels: ["规章"], cells: ["0", "1", "2"], grid: true });
  });
});
