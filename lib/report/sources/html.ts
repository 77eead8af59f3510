import { load } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { gridRowToItem, type Item } from "../document";
import { type Deadline, ReportParseError } from "../errors";

const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "iframe",
  "object",
  "select",
  "option",
  "button",
  "head",
]);
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "center",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "ul",
  "tr",
  "td",
  "th",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "caption",
  "body",
  "html",
  "title",
]);
const MAX_SPAN_ROWS = 500;
const MAX_SPAN_COLS = 60;
const MAX_GRID_CELLS = 200_000;

function isElement(n: AnyNode): n is Element {
  return n.type === "tag" || n.type === "script" || n.type === "style";
}

/** Text of a subtree, iteratively; <br> and block boundaries become spaces. */
function textOf(root: AnyNode, deadline: Deadline): string {
  let out = "";
  const stack: (AnyNode | null)[] = [root];
  while (stack.length > 0) {
    deadline.check();
    const n = stack.pop();
    if (n === null) {
      out += " ";
      continue;
    }
    if (!n) continue;
    if (n.type === "text") out += (n as unknown as { data: string }).data;
    else if (isElement(n)) {
      const name = n.name.toLowerCase();
      if (SKIP.has(name)) continue;
      if (name === "br") {
        out += " ";
        continue;
      }
      const block = BLOCK.has(name);
      if (block) stack.push(null);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
      if (block) out += " ";
    }
  }
  return out.replace(/[\s\u00a0\u3000]+/g, " ").trim();
}

function spanOf(el: Element, attr: string, max: number): number {
  const v = Number.parseInt(el.attribs?.[attr] ?? "1", 10);
  return Number.isFinite(v) && v >= 1 ? Math.min(v, max) : 1;
}

function collectRows(table: Element): Element[] {
  const rows: Element[] = [];
  const stack: AnyNode[] = [...table.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    const name = n.name.toLowerCase();
    if (name === "tr") rows.push(n);
    else if (name === "thead" || name === "tbody" || name === "tfoot") {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return rows;
}

/** Expands rowspan/colspan into a grid; each grid row lists its cells once (colspan copies collapsed). */
export function tableToRows(table: Element, deadline: Deadline): string[][] {
  const rows = collectRows(table);
  const grid: (number | undefined)[][] = [];
  const texts: string[] = [];
  let cells = 0;
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const child of tr.children) {
      if (!isElement(child)) continue;
      const name = child.name.toLowerCase();
      if (name !== "td" && name !== "th") continue;
      while (grid[r][c] !== undefined) c++;
      const id = texts.length;
      texts.push(textOf(child, deadline));
      const rs = spanOf(child, "rowspan", MAX_SPAN_ROWS);
      const cs = spanOf(child, "colspan", MAX_SPAN_COLS);
      for (let dr = 0; dr < rs && r + dr < rows.length; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          grid[r + dr][c + dc] = id;
          if (++cells > MAX_GRID_CELLS) return;
        }
      }
      c += cs;
    }
  });
  return grid.map((row) => {
    const out: string[] = [];
    let prev: number | undefined = -1;
    for (const id of row) {
      if (id === prev) continue;
      prev = id;
      out.push(id === undefined ? "" : texts[id]);
    }
    return out;
  });
}

/** Marks every element that has a <table> below it, in one pass. */
function markTableAncestors(root: AnyNode, deadline: Deadline): Set<AnyNode> {
  const marked = new Set<AnyNode>();
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    deadline.check();
    const n = stack.pop()!;
    if (!isElement(n) && n.type !== "root") continue;
    const children = (n as Element).children ?? [];
    if (isElement(n) && n.name.toLowerCase() === "table") {
      let p = n.parent;
      while (p && !marked.has(p)) {
        marked.add(p);
        p = p.parent;
      }
    }
    for (const c of children) stack.push(c);
  }
  return marked;
}

export type HtmlExtract = { items: Item[]; lines: string[]; titles: string[] };

const MAX_DEPTH = 1000;
const AUTO_CLOSED = new Set(["p", "li", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "dt", "dd", "colgroup"]);
const VOID = new Set([
  "br",
  "img",
  "meta",
  "link",
  "input",
  "hr",
  "area",
  "base",
  "col",
  "embed",
  "param",
  "source",
  "track",
  "wbr",
  "!doctype",
]);

/** The HTML parser is quadratic in nesting depth: real pages stay far below this, pathological ones are refused. */
function checkNesting(html: string, deadline: Deadline): void {
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    deadline.check();
    const name = m[2].toLowerCase();
    if (VOID.has(name) || AUTO_CLOSED.has(name) || m[3]) continue;
    depth += m[1] ? -1 : 1;
    if (depth > MAX_DEPTH) {
      throw new ReportParseError("CORRUPT_FILE", `HTML 标签嵌套超过 ${MAX_DEPTH} 层，文件异常，无法解析`);
    }
    if (depth < 0) depth = 0;
  }
}

export function extractHtml(html: string, deadline: Deadline): HtmlExtract {
  checkNesting(html, deadline);
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } }, true);
  const root = $.root()[0] as AnyNode;
  deadline.checkNow();
  const titles: string[] = [];
  $("meta[name='ArticleTitle'], meta[name='title'], meta[property='og:title']").each((_, el) => {
    const c = (el as Element).attribs?.content;
    if (c) titles.push(c);
  });
  $("title, h1, h2, .title, .article-title").each((_, el) => {
    if (titles.length < 40) titles.push(textOf(el as AnyNode, deadline));
  });
  const hasTableBelow = markTableAncestors(root, deadline);
  const items: Item[] = [];
  const lines: string[] = [];
  let line = "";
  const flushLine = () => {
    const t = line.replace(/[\s\u00a0\u3000]+/g, " ").trim();
    if (t) {
      items.push({ kind: "text", text: t });
      lines.push(t);
    }
    line = "";
  };
  const stack: (AnyNode | null)[] = [root];
  while (stack.length > 0) {
    deadline.check();
    const n = stack.pop();
    if (n === null) {
      flushLine();
      continue;
    }
    if (!n) continue;
    if (n.type === "text") {
      line += (n as unknown as { data: string }).data;
      continue;
    }
    if (n.type !== "root" && !isElement(n)) continue;
    const name = isElement(n) ? n.name.toLowerCase() : "";
    if (SKIP.has(name)) continue;
    if (name === "br") {
      flushLine();
      continue;
    }
    if (name === "table" && !hasTableBelow.has(n)) {
      flushLine();
      for (const row of tableToRows(n as Element, deadline)) {
        const item = gridRowToItem(row);
        if (!item) continue;
        items.push(item);
        lines.push(row.filter(Boolean).join(" "));
      }
      continue;
    }
    const block = name === "" || BLOCK.has(name);
    if (block) {
      flushLine();
      stack.push(null);
    }
    const children = (n as Element).children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  flushLine();
  return { items, lines, titles };
}
