import { isValueLike } from "@/lib/report/numbers";
import type { Rng } from "./rng";

/** What OCR tools and document converters do to a Markdown document's pipe tables. */
export type OcrDamage =
  | "merge-rows"
  | "split-row-label"
  | "split-row-cells"
  | "drop-pipe"
  | "repeat-header"
  | "br-in-cell"
  | "plain-row"
  | "bold-label"
  | "escaped-pipe"
  | "html-table"
  | "grid-table"
  | "no-outer-pipes";

export const OCR_DAMAGES: readonly OcrDamage[] = [
  "merge-rows",
  "split-row-label",
  "split-row-cells",
  "drop-pipe",
  "repeat-header",
  "br-in-cell",
  "plain-row",
  "bold-label",
  "escaped-pipe",
  "html-table",
  "grid-table",
  "no-outer-pipes",
];

const TABLE_FORMS: readonly OcrDamage[] = ["html-table", "grid-table", "no-outer-pipes"];
const SEPARATOR = /^\|?(\s*:?-{2,}:?\s*\|)+\s*:?-{0,}:?\s*\|?$/;
const HAS_WORD = /[\u3400-\u9fffA-Za-z]/;

type Table = { header: string[][]; rows: string[][] };

const isLabel = (cell: string) => HAS_WORD.test(cell) && !isValueLike(cell);

function splitCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}

const joinCells = (cells: string[]) => `| ${cells.join(" | ")} |`;

/** Number of leading cells up to the last label cell: the row's label columns. */
function labelWidth(cells: string[]): number {
  let last = -1;
  cells.forEach((c, i) => {
    if (isLabel(c)) last = i;
  });
  return last + 1;
}

function pickRow(rng: Rng, table: Table, ok: (cells: string[]) => boolean): number {
  const candidates = table.rows.map((_r, i) => i).filter((i) => ok(table.rows[i]!));
  return candidates.length > 0 ? rng.pick(candidates) : -1;
}

const hasValues = (cells: string[]) => cells.slice(labelWidth(cells)).some((c) => c !== "");

/** Row damages on one table: the lines its body is printed as. */
function damageRows(table: Table, damages: readonly OcrDamage[], rng: Rng): string[] {
  const lines: (string | null)[] = table.rows.map(joinCells);
  const touched = new Set<number>();
  const take = (ok: (cells: string[], i: number) => boolean) => {
    const i = pickRow(rng, table, (cells) => {
      const index = table.rows.indexOf(cells);
      return !touched.has(index) && ok(cells, index);
    });
    if (i >= 0) touched.add(i);
    return i;
  };
  const labelCells = (cells: string[], f: (c: string) => string) => cells.map((c) => (isLabel(c) ? f(c) : c));
  for (const damage of rng.shuffle(damages)) {
    if (damage === "bold-label" || damage === "br-in-cell" || damage === "escaped-pipe") {
      const i = take((cells) => labelWidth(cells) > 0);
      if (i < 0) continue;
      const cells = table.rows[i]!;
      const f =
        damage === "bold-label"
          ? (c: string) => `**${c}**`
          : damage === "br-in-cell"
            ? (c: string) => (c.length > 3 ? `${c.slice(0, 2)}<br>${c.slice(2)}` : c)
            : (c: string) => `${c}\\|`;
      lines[i] = joinCells(labelCells(cells, f));
    } else if (damage === "merge-rows") {
      const i = take((cells, idx) => hasValues(cells) && idx + 1 < table.rows.length && !touched.has(idx + 1));
      if (i < 0) continue;
      touched.add(i + 1);
      const next = joinCells(table.rows[i + 1]!);
      lines[i] = `${lines[i]}${rng.chance(0.5) ? " " : ""}${rng.chance(0.5) ? next : next.slice(1)}`;
      lines[i + 1] = null;
    } else if (damage === "split-row-label") {
      const i = take((cells) => labelWidth(cells) > 0 && hasValues(cells));
      if (i < 0) continue;
      const cells = table.rows[i]!;
      const w = labelWidth(cells);
      lines[i] = `${joinCells(cells.slice(0, w))}\n${joinCells(cells.slice(w))}`;
    } else if (damage === "split-row-cells") {
      const i = take((cells) => cells.length - labelWidth(cells) >= 3 && hasValues(cells));
      if (i < 0) continue;
      const cells = table.rows[i]!;
      const at = rng.int(labelWidth(cells) + 1, cells.length - 1);
      lines[i] = `${joinCells(cells.slice(0, at))}\n${joinCells(cells.slice(at))}`;
    } else if (damage === "drop-pipe") {
      const i = take((cells) => cells.length - labelWidth(cells) >= 2 && hasValues(cells));
      if (i < 0) continue;
      const cells = [...table.rows[i]!];
      const at = rng.int(labelWidth(cells), cells.length - 2);
      const glue = cells[at] && cells[at + 1] ? rng.pick([" ", ""]) : " ";
      cells.splice(at, 2, `${cells[at]}${glue}${cells[at + 1]}`.trim());
      lines[i] = joinCells(cells);
    } else if (damage === "plain-row") {
      const i = take((cells) => hasValues(cells));
      if (i < 0) continue;
      const cells = table.rows[i]!.filter((c, j, all) => c !== "" && (j === 0 || c !== all[j - 1] || !isLabel(c)));
      lines[i] = cells.join(" ");
    } else if (damage === "repeat-header") {
      const i = take((_, idx) => idx > 0 && idx < table.rows.length);
      if (i < 0) continue;
      const sep = rng.chance(0.5) ? [`|${table.header[0]!.map(() => " --- ").join("|")}|`] : [];
      lines[i] = [...table.header.slice(0, 1).map(joinCells), ...sep, ...table.header.slice(1).map(joinCells), lines[i]]
        .filter((l) => l !== null)
        .join("\n");
    }
  }
  return lines.filter((l): l is string => l !== null);
}

function renderHtmlTable(table: Table, rng: Rng): string {
  const row = (cells: string[], tag: string) => {
    const out: string[] = [];
    for (let i = 0; i < cells.length; i++) {
      let span = 1;
      while (tag === "th" && i + span < cells.length && cells[i + span] === cells[i]) span++;
      out.push(`<${tag}${span > 1 ? ` colspan="${span}"` : ""}>${cells[i]}</${tag}>`);
      i += span - 1;
    }
    return `<tr>${out.join("")}</tr>`;
  };
  const rows = [...table.header.map((r) => row(r, "th")), ...table.rows.map((r) => row(r, "td"))];
  // MinerU writes a table on one line; PaddleOCR wraps each one in its own <html><body>.
  const html = `<table>${rng.chance(0.5) ? rows.join("") : `\n${rows.join("\n")}\n`}</table>`;
  return rng.chance(0.3) ? `<html><body>${html}</body></html>` : html;
}

/** A pandoc grid table: `+---+` borders, each cell wrapped to its column's width. */
function renderGridTable(table: Table): string {
  const all = [...table.header, ...table.rows];
  const widths = all[0]!.map((_, c) => Math.min(12, Math.max(3, ...all.map((r) => (r[c] ?? "").length))));
  const border = (ch: string) => `+${widths.map((w) => ch.repeat(w * 2 + 2)).join("+")}+`;
  const pad = (s: string, w: number) => s.padEnd(w * 2);
  const out = [border("-")];
  all.forEach((cells, r) => {
    const parts = cells.map((c, i) => {
      const chunks: string[] = [];
      for (let at = 0; at < c.length; at += widths[i]!) chunks.push(c.slice(at, at + widths[i]!));
      return chunks.length > 0 ? chunks : [""];
    });
    const height = Math.max(...parts.map((p) => p.length));
    for (let k = 0; k < height; k++) out.push(`| ${parts.map((p, i) => pad(p[k] ?? "", widths[i]!)).join(" | ")} |`);
    out.push(border(r === table.header.length - 1 ? "=" : "-"));
  });
  return out.join("\n");
}

function renderTable(table: Table, damages: readonly OcrDamage[], rng: Rng): string {
  const forms = damages.filter((d) => TABLE_FORMS.includes(d));
  const rowDamages = damages.filter((d) => !TABLE_FORMS.includes(d));
  const form = forms.length > 0 && (rowDamages.length === 0 || rng.chance(0.3)) ? rng.pick(forms) : null;
  if (form === "html-table") return renderHtmlTable(table, rng);
  if (form === "grid-table") return renderGridTable(table);
  const sep = `|${table.header[0]!.map(() => " --- ").join("|")}|`;
  const lines = [...table.header.slice(0, 1).map(joinCells), sep, ...table.header.slice(1).map(joinCells)];
  lines.push(...(form ? table.rows.map(joinCells) : damageRows(table, rowDamages, rng)));
  if (form === "no-outer-pipes") return lines.map((l) => l.replace(/^\|\s?/, "").replace(/\s?\|$/, "")).join("\n");
  return lines.join("\n");
}

/** Header rows are those before the first row printing a value; the first header row precedes the separator. */
function readTable(lines: string[]): Table {
  const rows = lines.filter((l) => !SEPARATOR.test(l.trim())).map(splitCells);
  let first = rows.findIndex((r) => r.some((c) => c !== "" && !isLabel(c)));
  if (first < 0) first = rows.length;
  return { header: rows.slice(0, Math.max(1, first)), rows: rows.slice(Math.max(1, first)) };
}

/**
 * A rendered Markdown document as an OCR tool or converter leaves it: each of `damages` applied to its pipe tables
 * (row damages to random rows, the table forms to whole tables). Pure: the same text and seed give the same output.
 */
export function transformOcrMarkdown(text: string, rng: Rng, damages: readonly OcrDamage[] = OCR_DAMAGES): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.trim().startsWith("|")) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.trim().startsWith("|")) end++;
    out.push(renderTable(readTable(lines.slice(i, end)), damages, rng));
    i = end;
  }
  return out.join("\n");
}
