import type { Rng } from "./rng";

/** How the first printed copy of a table falls short of the second. */
export type CopyDamage = "truncated" | "blank-totals" | "shifted" | "none";
/** Where the full copy stands: right after the damaged one (a page printed twice) or in an annex at the end. */
export type CopyPlacement = "adjacent" | "annex" | "annex-damaged";

type TableBlock = { start: number; end: number; rows: string[]; kind: "markdown" | "html" };

const HTML_TABLE = /<table[^>]*>[\s\S]*?<\/table>/gi;

/** The statistics tables of a rendered Markdown or HTML report (pipe-line runs or `<table>` elements with numbers). */
function findTableBlocks(text: string): TableBlock[] {
  const blocks: TableBlock[] = [];
  if (/<table/i.test(text)) {
    for (const m of text.matchAll(HTML_TABLE)) {
      const words = m[0].replace(/<[^>]*>/g, "");
      if (/索引号|发布机构/.test(words) || !/\d/.test(words)) continue;
      blocks.push({ start: m.index, end: m.index + m[0].length, rows: m[0].split(/(?=<tr)/i), kind: "html" });
    }
    return blocks;
  }
  const lines = text.split("\n");
  let offset = 0;
  let open: TableBlock | null = null;
  for (const line of lines) {
    if (line.trimStart().startsWith("|")) {
      open ??= { start: offset, end: offset, rows: [], kind: "markdown" };
      open.rows.push(line);
      open.end = offset + line.length;
    } else if (open) {
      blocks.push(open);
      open = null;
    }
    offset += line.length + 1;
  }
  if (open) blocks.push(open);
  return blocks;
}

const NUMERIC_CELL_MD = /\|\s*[+-]?[\d.,]+\s*(?=\|)/g;
const NUMERIC_CELL_HTML = /<td[^>]*>(?:<[^>]+>|\s|&nbsp;)*[+-]?[\d.,]+(?:<[^>]+>|\s|&nbsp;)*<\/td>/gi;

function damageRows(rows: string[], kind: TableBlock["kind"], damage: CopyDamage, rng: Rng): string[] {
  const numeric = kind === "html" ? NUMERIC_CELL_HTML : NUMERIC_CELL_MD;
  const valueRows = rows.map((r, i) => ((r.match(numeric) ?? []).length >= 2 ? i : -1)).filter((i) => i >= 0);
  if (valueRows.length === 0) return rows;
  switch (damage) {
    case "truncated": {
      const keep = valueRows[Math.floor(valueRows.length * (0.3 + 0.5 * rng.next()))] ?? valueRows[0];
      const cut = rows.slice(0, keep);
      return kind === "html" ? [...cut, "</tbody></table>"] : cut;
    }
    case "blank-totals": {
      const total = valueRows.find((i) => /总计/.test(rows[i])) ?? valueRows[valueRows.length - 1];
      return rows.map((r, i) =>
        i === total ? r.replace(numeric, (m) => m.replace(/[+-]?[\d.,]+(?=\s*(<|$|\|))/, "")) : r,
      );
    }
    case "shifted": {
      const row = rng.pick(valueRows);
      let n = 0;
      const drop = rng.int(0, (rows[row].match(numeric) ?? []).length - 1);
      return rows.map((r, i) => (i === row ? r.replace(numeric, (m) => (n++ === drop ? "" : m)) : r));
    }
    default:
      return rows;
  }
}

/**
 * A report whose statistics tables are printed twice, one copy damaged (cut short, totals left blank, a cell lost so
 * the row shifts): what a page printed again or a body-plus-annex document looks like. The values to read are the
 * full copy's, which the renderer's ground truth already holds.
 */
export function duplicateTables(
  text: string,
  rng: Rng,
  opts: { damage: CopyDamage; placement: CopyPlacement; tables?: "all" | "one" },
): string {
  const blocks = findTableBlocks(text);
  if (blocks.length === 0) return text;
  const chosen = opts.tables === "one" ? [rng.pick(blocks)] : blocks;
  const annex: string[] = [];
  let out = "";
  let pos = 0;
  for (const block of blocks) {
    out += text.slice(pos, block.start);
    const full = text.slice(block.start, block.end);
    pos = block.end;
    if (!chosen.includes(block)) {
      out += full;
      continue;
    }
    const damaged = damageRows(block.rows, block.kind, opts.damage, rng).join(block.kind === "html" ? "" : "\n");
    const gap = block.kind === "html" ? "\n<p>&nbsp;</p>\n" : "\n\n";
    if (opts.placement === "adjacent") out += `${damaged}${gap}${full}`;
    else if (opts.placement === "annex") {
      out += damaged;
      annex.push(full);
    } else {
      out += full;
      annex.push(damaged);
    }
  }
  out += text.slice(pos);
  if (annex.length === 0) return out;
  const html = blocks[0].kind === "html";
  const heading = html ? "<p>附件：政府信息公开情况统计表</p>\n" : "\n附件：政府信息公开情况统计表\n\n";
  const body = annex.join(html ? "\n<p>&nbsp;</p>\n" : "\n\n");
  if (html) {
    const close = out.lastIndexOf("</body>");
    return close >= 0 ? `${out.slice(0, close)}${heading}${body}\n${out.slice(close)}` : `${out}${heading}${body}`;
  }
  return `${out}${heading}${body}\n`;
}
