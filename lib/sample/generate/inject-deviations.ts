import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  type ApplicationRowKey,
  REVIEW_BLOCK_KEYS,
} from "@/lib/report/schema";
import { type Builder, formatNumber } from "./builder";
import { addDeviation } from "./expected";
import { toHalfWidthPunctuation } from "./format-value";
import type { Rng } from "./rng";
import type { DocTable } from "./types";

/** A label's numbering: 一、 / （三） / 2. */
const NUMBERING = /^(?:[一二三四]、|（[一二三四五六七]）|\d+\.)?/;

const OFFICIAL_LABEL_BODIES = new Set(
  APPLICATION_ROW_KEYS.flatMap((k) => APPLICATION_ROWS[k].label.split(" ")).map((l) => l.replace(NUMBERING, "")),
);

/** Drops or swaps one character of a label's text part (never its numbering). */
function misspell(rng: Rng, label: string): string {
  const prefix = label.match(NUMBERING)![0];
  const body = label.slice(prefix.length);
  if (body.length < 4) return label;
  const i = rng.int(1, body.length - 2);
  const chars = [...body];
  // The last character stays, so a typo never turns into another row's label ("（六）其他处理" → "（六）其他").
  if (rng.chance(0.6)) chars.splice(i, Math.min(body.length >= 8 && rng.chance(0.3) ? 2 : 1, body.length - 1 - i));
  else if (i + 1 < body.length - 1) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  const typo = chars.join("");
  return OFFICIAL_LABEL_BODIES.has(typo) ? label : prefix + typo;
}

/** The 2021 report printed with the single 2019-style （六）其他处理 row: that row carries the three rows' sum. */
export function foldOtherRows(b: Builder): void {
  const parts: ApplicationRowKey[] = ["otherNoCorrection", "otherUnpaidFee", "otherOther"];
  for (const c of APPLICANT_COLUMNS) {
    const sum = parts.reduce((s, k) => s + (b.cells[`applications.${k}.${c}`]?.value ?? 0), 0);
    // A printed 0 determines the three 2021 rows (0 each), so a parser may map the row onto them instead.
    b.cells[`applications.otherHandling.${c}`] = {
      value: sum,
      present: true,
      issue: "optional",
      unresolvedOk: false,
      because: ["single-other-row"],
      ...(sum === 0 ? { absentOk: true } : {}),
    };
    for (const k of parts) {
      b.cells[`applications.${k}.${c}`] = {
        value: null,
        present: false,
        issue: "optional",
        unresolvedOk: false,
        because: ["single-other-row"],
        ...(sum === 0 ? { impliedValue: 0 } : {}),
      };
    }
  }
  addDeviation(
    b,
    "single-other-row",
    APPLICANT_COLUMNS.map((c) => `applications.otherHandling.${c}`),
    "optional",
    `2021年格式却只有一行${APPLICATION_ROWS.otherHandling.label}`,
  );
}

function hasBlankCell(table: DocTable): boolean {
  return table.rows.some((r) => r.cells.some((c) => c.role === "value" && c.text === ""));
}

/** A misprinted total (表三 or 表四) or a blank total the row's parts imply, as the plan says. */
export function injectTotalDeviation(b: Builder, tables: DocTable[]): void {
  const [, applications, review] = tables as [DocTable, DocTable, DocTable];
  if (b.plan.misprintedTotal) {
    const candidates = [
      ...(hasBlankCell(applications) ? [] : APPLICATION_ROW_KEYS.map((k) => `applications.${k}.total`)),
      ...(hasBlankCell(review) ? [] : REVIEW_BLOCK_KEYS.map((k) => `${k}.total`)),
    ].filter((p) => b.valueCells.has(p) && b.cells[p]?.present);
    if (candidates.length === 0) return;
    const path = b.rng.pick(candidates);
    const truth = b.cells[path]!.value ?? 0;
    const printed =
      truth === 0 || b.rng.chance(0.5) ? truth + b.rng.int(1, 3) : truth - b.rng.int(1, Math.min(3, truth));
    b.cells[path]!.value = printed;
    b.valueCells.get(path)!.text = formatNumber(b, printed, "count", undefined, undefined);
    addDeviation(b, "misprinted-total", [path], "required", `总计印为${printed}，与各项之和${truth}不符`);
  } else if (b.plan.blankImpliedTotal) {
    const candidates = APPLICATION_ROW_KEYS.map((k) => `applications.${k}.total`).filter((p) => {
      const cell = b.valueCells.get(p);
      return cell && cell.text !== "" && (b.cells[p]?.value ?? 0) > 0;
    });
    if (candidates.length === 0) return;
    const path = b.rng.pick(candidates);
    b.valueCells.get(path)!.text = "";
    addDeviation(b, "blank-implied-total", [path], "required", "总计空白，由各项之和推出");
  }
}

/** One row label misspelt, never into another official label. */
export function injectLabelTypo(b: Builder, tables: DocTable[]): void {
  const labels = tables.flatMap((t) =>
    t.rows.flatMap((r) =>
      r.cells
        .filter((c) => c.role === "label" && c.text.length >= 6 && !c.text.includes("\n"))
        .map((c) => ({ cell: c, paths: r.cells.filter((x) => x.path).map((x) => x.path!) })),
    ),
  );
  if (labels.length === 0) return;
  const { cell, paths } = b.rng.pick(labels);
  const typo = misspell(b.rng, cell.text);
  if (typo === cell.text) return;
  addDeviation(b, "label-typo", paths, "optional", `标签“${cell.text}”印为“${typo}”`);
  cell.text = typo;
}

/** Every caption, header and label with half-width brackets and punctuation. */
export function injectHalfWidthPunctuation(b: Builder, tables: DocTable[]): void {
  for (const t of tables)
    for (const r of t.rows) for (const c of r.cells) if (c.role !== "value") c.text = toHalfWidthPunctuation(c.text);
  addDeviation(b, "half-width-punctuation", [], "optional", "表格标签用半角括号");
}
