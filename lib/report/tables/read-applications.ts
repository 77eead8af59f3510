import type { TimeBudget } from "../errors";
import type { IssueList } from "../issues";
import { rankLabel } from "../labels";
import { parseCell } from "../numbers";
import { describeCell, ORG_GROUP_LABEL, TABLE_NUMBERS } from "../official-layout";
import {
  APPLICANT_COLUMN_LABELS,
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  type ApplicationRowKey,
  type Layout,
  OTHER_HANDLING_SUB_ROWS,
} from "../schema";
import { type CellSink, readCell } from "./cell-sink";
import { checkSubtotal } from "./check-subtotal";
import { APPLICANT_HEADER_WORDS, findHeaderColumns, findValueColumns } from "./column-templates";
import { isHollow, isSubItem, type RowRecord } from "./records";
import { reportResolution } from "./report-resolution";
import { resolveAcrossRows } from "./resolve-across-rows";
import { type Resolved, resolveCells, toNumbers } from "./resolve-cells";
import { APPLICATION_CANDIDATES, APPLICATION_CANDIDATES_2019 } from "./row-candidates";
import type { ApplicantSlot, ApplicationRowRead, Cells } from "./types";

const WITH_SUBTOTAL: ApplicantSlot[] = [...APPLICANT_COLUMNS.slice(0, -1), "_subtotal", "total"];

/** Whether a split adds up: 总计 = 自然人 + the organisations (and a printed 小计 = the organisations). */
function acceptsRowTotals(columns: ApplicantSlot[]): (raws: string[]) => boolean {
  return (raws) => {
    const values = toNumbers(raws);
    const get = (column: ApplicantSlot) => values[columns.indexOf(column)];
    const orgs = get("commercial") + get("research") + get("nonprofit") + get("legal") + get("otherOrg");
    if (columns.includes("_subtotal") && get("_subtotal") !== orgs) return false;
    return get("total") === get("natural") + orgs;
  };
}

/** Eight cells where the seventh sums the five organisation columns and the eighth is 自然人 + that subtotal. */
function hasSubtotalCells(r: RowRecord): boolean {
  if (r.cells.length !== 8) return false;
  if (r.grid) return r.cells[7].trim() !== "";
  const parsed = r.cells.map((c) => parseCell(c));
  if (parsed.some((c) => c.kind === "unreadable")) return false;
  const n = parsed.map((c) => (c.kind === "number" ? c.value : 0));
  return n[6] === n[1] + n[2] + n[3] + n[4] + n[5] && n[7] === n[0] + n[6];
}

function hasSubtotalColumn(records: RowRecord[], headerText: string): boolean {
  return (
    /小计/.test(headerText) ||
    // An eighth cell that is always empty is a trailing separator (tab-copied tables), not a 小计 column.
    (records.length > 0 && records.filter(hasSubtotalCells).length > records.length / 2) ||
    // Page positions: the rows' numbers stand in eight columns (header words printed one character per line).
    (findValueColumns(records, 7) === undefined &&
      findHeaderColumns(records, 7, APPLICANT_HEADER_WORDS) === undefined &&
      (findValueColumns(records, 8) ?? findHeaderColumns(records, 8, APPLICANT_HEADER_WORDS)) !== undefined)
  );
}

/** Table B (表三): rows matched to the official rows in printed order, cells split jointly where digits run together. */
export function readApplications(
  records: RowRecord[],
  layout: Layout | null,
  headerText: string,
  issues: IssueList,
  budget: TimeBudget,
  sink: CellSink,
): Partial<Record<ApplicationRowKey, Cells>> {
  const columns = hasSubtotalColumn(records, headerText) ? WITH_SUBTOTAL : [...APPLICANT_COLUMNS];
  const specs = columns.map(() => ({}));
  const accept = acceptsRowTotals(columns);
  const template =
    findValueColumns(records, columns.length) ?? findHeaderColumns(records, columns.length, APPLICANT_HEADER_WORDS);
  const rows = new Map<ApplicationRowKey, ApplicationRowRead>();
  const candidates = layout === "2019" ? APPLICATION_CANDIDATES_2019 : APPLICATION_CANDIDATES;
  const subtotals: { label: string; res: Resolved }[] = [];
  let lastIndex = -1;
  for (const rec of records) {
    if (isHollow(rec, columns.length) || isSubItem(rec.label)) continue;
    const ranked = rankLabel(rec.label, candidates, 0.6);
    if (ranked.length === 0) {
      if (rec.cells.some((c) => /[1-9]/.test(c))) {
        issues.add(
          "EXTRA_ROW",
          "info",
          `${TABLE_NUMBERS.applications}中有无法识别的行“${rec.label.slice(-30)}”，未计入`,
          [],
          { label: rec.label.slice(-60) },
        );
      }
      continue;
    }
    const top = ranked[0];
    const near = ranked.filter((c) => c.score >= top.score - 0.05);
    const pick =
      near.find((c) => c.key !== "_subtotal" && !rows.has(c.key) && APPLICATION_ROW_KEYS.indexOf(c.key) > lastIndex) ??
      near.find((c) => c.key === "_subtotal" || !rows.has(c.key)) ??
      top;
    const res = resolveCells(rec, specs, accept, budget, "right", template, true);
    if (pick.key === "_subtotal") {
      subtotals.push({ label: rec.label, res });
      continue;
    }
    const key = pick.key;
    if (rows.has(key)) {
      issues.add("DUPLICATE_ROW", "info", `${describeCell(`applications.${key}`)}重复出现，取第一次出现的数值`, [
        `applications.${key}`,
      ]);
      continue;
    }
    rows.set(key, { key, rec, res });
    lastIndex = APPLICATION_ROW_KEYS.indexOf(key);
  }
  // A single （六）其他处理 row followed by the 2021 sub-rows is their subtotal, not the 2019 row.
  const single = rows.get("otherHandling");
  if (single && OTHER_HANDLING_SUB_ROWS.some((k) => rows.has(k))) {
    subtotals.push({ label: single.rec.label, res: single.res });
    rows.delete("otherHandling");
  }
  resolveAcrossRows(rows, columns, budget);
  const out = collectApplicationCells(rows, columns, issues, sink);
  for (const s of subtotals) {
    if (s.res.status !== "ok" || s.res.raws.some((r) => r === null)) continue;
    checkSubtotal(s.label, toNumbers(s.res.raws as string[]), columns, out, issues);
  }
  return out;
}

/** The rows' cells in printed order; a blank 总计 with printed parts is their sum. */
function collectApplicationCells(
  rows: Map<ApplicationRowKey, ApplicationRowRead>,
  columns: ApplicantSlot[],
  issues: IssueList,
  sink: CellSink,
): Partial<Record<ApplicationRowKey, Cells>> {
  const out: Partial<Record<ApplicationRowKey, Cells>> = {};
  const pairRows: string[] = [];
  const totalIndex = columns.indexOf("total");
  const partIndexes = columns.map((c, i) => (c === "total" || c === "_subtotal" ? -1 : i)).filter((i) => i >= 0);
  for (const key of APPLICATION_ROW_KEYS) {
    const row = rows.get(key);
    if (!row) continue;
    const cells: Cells = {};
    const paths = APPLICANT_COLUMNS.map((c) => `applications.${key}.${c}`);
    const subject = {
      name: describeCell(`applications.${key}`),
      printed: row.rec.cells,
      paths,
      columnCount: columns.length,
      columns,
    };
    reportResolution(row.res, subject, issues);
    if (row.res.status === "ambiguous") {
      for (const c of APPLICANT_COLUMNS) cells[c] = null;
      out[key] = cells;
      continue;
    }
    if (row.res.note === "pair") pairRows.push(...paths);
    const raws = row.res.raws;
    const totalRaw = raws[totalIndex];
    const totalBlank = totalRaw !== null && parseCell(totalRaw).kind === "blank";
    const anyPart = partIndexes.some((i) => raws[i] !== null && parseCell(raws[i] as string).kind === "number");
    columns.forEach((column, i) => {
      if (column === "_subtotal") return;
      const path = `applications.${key}.${column}`;
      if (column === "total" && totalBlank && anyPart) {
        cells.total = partIndexes.reduce((sum, j) => {
          const part = raws[j] === null ? null : parseCell(raws[j] as string);
          return sum + (part?.kind === "number" ? part.value : 0);
        }, 0);
        sink.implied.push(path);
        return;
      }
      const value = readCell(raws[i], path, sink);
      if (value !== undefined) cells[column] = value;
    });
    out[key] = cells;
  }
  if (pairRows.length > 0) {
    const { natural, total } = APPLICANT_COLUMN_LABELS;
    issues.add(
      "BLANK_CELL",
      "warning",
      `${TABLE_NUMBERS.applications}有 ${pairRows.length / APPLICANT_COLUMNS.length} 行只印出两个相同的数，按“${natural}”和“${total}”读取，${ORG_GROUP_LABEL}各列按空白（0）计`,
      pairRows,
    );
  }
  return out;
}
