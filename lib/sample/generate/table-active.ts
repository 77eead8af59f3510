import { labelActiveRow, listActiveSections } from "@/lib/report/official-layout";
import { ACTIVE_ROWS, type ActiveRowKey } from "@/lib/report/schema";
import { type Builder, buildDerivedCell, buildValueCell } from "./builder";
import { addDeviation } from "./expected";
import type { DocCell, DocRow, DocTable, ValueKind } from "./types";

/** Amount headers as real reports misprint them: in 元, or 万元 worded otherwise than the official header. */
const AMOUNT_HEADER_VARIANTS = {
  fees: {
    yuan: "本年收费金额（单位：元）",
    wan: ["本年收费金额（万元）", "本年收费金额(单位:万元)", "收费金额（万元）"],
  },
  procurement: { yuan: "采购总金额（元）", wan: ["采购总金额（万元）", "采购总金额（万元，保留四位小数）"] },
};

function classifyActiveColumn(column: string): ValueKind {
  return column === "change" ? "signed" : column === "amount" ? "money" : "count";
}

/** The header an amount column prints under the plan's money deviation, or the official one. */
function printAmountHeader(b: Builder, official: string, rows: readonly ActiveRowKey[]): string {
  const variants = rows.includes("fees") ? AMOUNT_HEADER_VARIANTS.fees : AMOUNT_HEADER_VARIANTS.procurement;
  if (b.plan.money === "yuan-header") return variants.yuan;
  if (b.plan.money === "wan-variant") return b.rng.pick(variants.wan);
  return official;
}

/** 表二: captioned sections, each with its header row and its rows; maybe an agency's extra row. */
export function buildActiveTable(b: Builder): DocTable {
  const rows: DocRow[] = [];
  const width = 4;
  const extraTarget = b.plan.extraSubRow ? b.rng.pick(["licensing", "penalty", "otherServices"] as const) : null;
  for (const section of listActiveSections(b.layout)) {
    rows.push({ cells: [{ text: section.caption, role: "caption", colSpan: width }] });
    const valueColumns = section.header.length - 1;
    const spanOf = (i: number) => (i === valueColumns - 1 ? width - valueColumns : 1);
    const header = section.header.map((text, i): DocCell => {
      const shown = section.columns[i - 1] === "amount" ? printAmountHeader(b, text, section.rows) : text;
      const cell: DocCell = { text: shown, role: "header" };
      if (i > 0 && spanOf(i - 1) > 1) cell.colSpan = spanOf(i - 1);
      return cell;
    });
    rows.push({ cells: header });
    for (const key of section.rows) {
      const columns = ACTIVE_ROWS[key].columns[b.layout] as readonly string[];
      let label = labelActiveRow(key, b.layout);
      if (key === "otherServices" && extraTarget === "otherServices") {
        label = `${label}\n${b.rng.pick(["涉外学校审批", "公共服务事项", "行政确认"])}`;
        addDeviation(b, "extra-sub-row", [`active.${key}`], "optional", "行标题下另列本机关具体事项");
      }
      rows.push({
        cells: [
          { text: label, role: "label" },
          ...columns.map((c, i) =>
            buildValueCell(b, "active", `active.${key}.${c}`, classifyActiveColumn(c), c, spanOf(i)),
          ),
        ],
      });
      if (key === extraTarget && key !== "otherServices") {
        const parent = b.report.active[key] ?? {};
        rows.push({
          cells: [
            { text: key === "licensing" ? "其中：涉企行政许可" : "其中：简易程序处罚", role: "label" },
            ...columns.map((c, i) => {
              const v = (parent[c] ?? 0) as number;
              const share = c === "change" ? 0 : Math.floor(v * b.rng.next());
              return { ...buildDerivedCell(b, "active", share, c), ...(spanOf(i) > 1 ? { colSpan: spanOf(i) } : {}) };
            }),
          ],
        });
        addDeviation(b, "extra-sub-row", [`active.${key}`], "optional", "“其中”子行不属于任何标准行");
      }
    }
  }
  return { id: "active", columnCount: width, rows };
}
