import type { Span } from "../document";
import type { TimeBudget } from "../errors";
import type { IssueList } from "../issues";
import { rankLabel } from "../labels";
import { toWanYuan } from "../numbers";
import { describeCell } from "../official-layout";
import { ACTIVE_ROWS, type ActiveRowKey, type Layout } from "../schema";
import type { ColumnSpec } from "../split";
import { type CellSink, readCell } from "./cell-sink";
import { ACTIVE_HEADER_WORDS, findSpanColumns, findValueColumns } from "./column-templates";
import { isHollow, isSubItem, type RowRecord } from "./records";
import { reportResolution } from "./report-resolution";
import { resolveCells } from "./resolve-cells";
import { ACTIVE_CANDIDATES } from "./row-candidates";
import type { Cells } from "./types";

function readMoneyUnit(rec: RowRecord, raw: string | null): "元" | "万元" {
  const cell = raw ?? "";
  if (/万元/.test(cell)) return "万元";
  if (/元/.test(cell)) return "元";
  const header = `${rec.context} ${rec.label}`.replace(/\s+/g, "");
  if (/万元/.test(header)) return "万元";
  if (/[（(]元|单位[:：]?元|金额元/.test(header)) return "元";
  return "万元";
}

/** Table A (表二): each row's cells under the layout's columns, or the other layout's when the row prints those. */
export function readActive(
  records: RowRecord[],
  layout: Layout,
  issues: IssueList,
  budget: TimeBudget,
  sink: CellSink,
): Partial<Record<ActiveRowKey, Cells>> {
  const out: Partial<Record<ActiveRowKey, Cells>> = {};
  const keyOf = new Map<RowRecord, ActiveRowKey>();
  for (const rec of records) {
    const ranked = isSubItem(rec.label) ? [] : rankLabel(rec.label, ACTIVE_CANDIDATES, 0.6);
    if (ranked.length > 0) keyOf.set(rec, ranked[0].key);
  }
  const widthOf = (rec: RowRecord) => {
    const key = keyOf.get(rec);
    return key ? ACTIVE_ROWS[key].columns[layout].length : -1;
  };
  let headerSpans: Span[] = [];
  for (const rec of records) {
    if ((rec.spans ?? []).filter((span) => ACTIVE_HEADER_WORDS.test(span.s)).length >= 1) headerSpans = rec.spans ?? [];
    const key = keyOf.get(rec);
    if (!key) continue;
    if (isHollow(rec, Math.max(1, ACTIVE_ROWS[key].columns[layout].length))) continue;
    const rowName = describeCell(`active.${key}`, layout);
    if (out[key]) {
      issues.add("DUPLICATE_ROW", "info", `${rowName}重复出现，取第一次出现的数值`, [`active.${key}`]);
      continue;
    }
    const other: Layout = layout === "2019" ? "2021" : "2019";
    let columns: readonly string[] = ACTIVE_ROWS[key].columns[layout];
    const otherColumns: readonly string[] = ACTIVE_ROWS[key].columns[other];
    const printed = rec.grid ? rec.cells.filter((c, i) => c !== "" || i < columns.length).length : rec.cells.length;
    const countable = rec.grid || rec.cells.length > 1 || otherColumns.length > 1;
    const fitsOther = countable && printed === otherColumns.length && printed !== columns.length;
    if (columns.length === 0 || (fitsOther && otherColumns.length > 0)) {
      if (otherColumns.length === 0) continue;
      columns = otherColumns;
      issues.add("LAYOUT_MIXED", "info", `${rowName}按${other}年版格式读取`, [`active.${key}`]);
    }
    const specs: ColumnSpec[] = columns.map((c) => ({ decimal: c === "amount", signed: c === "change" }));
    const peers = records.filter((r) => widthOf(r) === specs.length);
    const template =
      findValueColumns(peers, specs.length) ??
      (rec.xs ? findSpanColumns(headerSpans, specs.length, ACTIVE_HEADER_WORDS) : undefined);
    const res = resolveCells(rec, specs, () => true, budget, "left", template);
    const row: Cells = {};
    const paths = columns.map((c) => `active.${key}.${c}`);
    reportResolution(res, { name: rowName, printed: rec.cells, paths, columnCount: columns.length, columns }, issues);
    if (res.status === "ambiguous") {
      for (const c of columns) row[c] = null;
      out[key] = row;
      continue;
    }
    columns.forEach((column, i) => {
      const raw = res.raws[i];
      let value = readCell(raw, paths[i], sink);
      if (column === "amount" && typeof value === "number" && readMoneyUnit(rec, raw) === "元") {
        const converted = toWanYuan(value, "元");
        if (converted !== value) sink.converted.push({ path: paths[i], yuan: value, wanYuan: converted });
        value = converted;
      }
      if (value !== undefined) row[column] = value;
    });
    out[key] = row;
  }
  return out;
}
