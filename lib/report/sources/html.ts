import { Parser } from "htmlparser2";
import { gridRowToItem, type Item } from "../document";
import { ReportParseError, type TimeBudget } from "../errors";

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

/** What the extractor reads of a parsed node; domhandler's nodes have the same shape. */
type HtmlNode = { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: HtmlNode[] };
type HtmlElement = HtmlNode & { name: string; children: HtmlNode[] };
/** An element of the page as read here: domhandler's fields plus whether a <table> lies below it. */
type PageElement = HtmlElement & { attribs: Record<string, string>; tableBelow: boolean };

function isElement(node: HtmlNode): node is HtmlElement {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/** Text of a subtree, iteratively; <br> and block boundaries become spaces. */
function textOf(root: HtmlNode, budget: TimeBudget): string {
  let out = "";
  const stack: (HtmlNode | null)[] = [root];
  while (stack.length > 0) {
    budget.check();
    const node = stack.pop();
    if (node === null) {
      out += " ";
      continue;
    }
    if (!node) continue;
    if (node.type === "text") out += node.data;
    else if (isElement(node)) {
      const name = node.name.toLowerCase();
      if (SKIP.has(name)) continue;
      if (name === "br") {
        out += " ";
        continue;
      }
      const block = BLOCK.has(name);
      if (block) stack.push(null);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
      if (block) out += " ";
    }
  }
  return out.replace(/[\s\u00a0\u3000]+/g, " ").trim();
}

function spanOf(el: HtmlNode, attr: string, max: number): number {
  const span = Number.parseInt(el.attribs?.[attr] ?? "1", 10);
  return Number.isFinite(span) && span >= 1 ? Math.min(span, max) : 1;
}

function collectRows(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  const stack: HtmlNode[] = [...table.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    const name = node.name.toLowerCase();
    if (name === "tr") rows.push(node);
    else if (name === "thead" || name === "tbody" || name === "tfoot") {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return rows;
}

/** Expands rowspan/colspan into a grid; each grid row lists its cells once (colspan copies collapsed). */
export function tableToRows(table: HtmlElement, budget: TimeBudget): string[][] {
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
      texts.push(textOf(child, budget));
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

const TITLE_CLASS = /(?:^|\s)(?:title|article-title)(?:$|\s)/;
const TITLE_TAGS = new Set(["title", "h1", "h2"]);

type Page = { root: PageElement; metaTitles: string[]; headings: PageElement[] };

/**
 * Builds the element tree from htmlparser2's events (the tree domhandler would build, without its per-node
 * overhead) and, in the same pass and in document order: marks every element with a <table> below it, reads
 * `meta[name=ArticleTitle], meta[name=title], meta[property=og:title]` and collects the elements matching
 * `title, h1, h2, .title, .article-title`.
 */
function parsePage(html: string, budget: TimeBudget): Page {
  const root: PageElement = { type: "root", name: "", attribs: {}, children: [], tableBelow: false };
  const metaTitles: string[] = [];
  const headings: PageElement[] = [];
  const open: PageElement[] = [root];
  let text: { type: "text"; data: string } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        budget.check();
        text = null;
        const type = name === "script" || name === "style" ? name : "tag";
        const el: PageElement = { type, name, attribs, children: [], tableBelow: false };
        open[open.length - 1].children.push(el);
        if (name === "table") {
          for (let i = open.length - 1; i >= 0 && !open[i].tableBelow; i--) open[i].tableBelow = true;
        } else if (name === "meta") {
          const isTitle =
            attribs.name === "ArticleTitle" || attribs.name === "title" || attribs.property === "og:title";
          if (isTitle && attribs.content) metaTitles.push(attribs.content);
        }
        if (TITLE_TAGS.has(name) || (attribs.class !== undefined && TITLE_CLASS.test(attribs.class))) headings.push(el);
        open.push(el);
      },
      onclosetag() {
        text = null;
        if (open.length > 1) open.pop();
      },
      ontext(data) {
        if (text) {
          text.data += data;
          return;
        }
        budget.check();
        text = { type: "text", data };
        open[open.length - 1].children.push(text);
      },
    },
    { xmlMode: false, decodeEntities: true },
  );
  parser.end(html);
  return { root, metaTitles, headings };
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

function isTagNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isTagNameChar(c: number): boolean {
  return isTagNameStart(c) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45;
}

/** VOID and AUTO_CLOSED by name length, to compare tag names in place. */
const NOT_NESTING: string[][] = [];
for (const name of [...VOID, ...AUTO_CLOSED]) {
  NOT_NESTING[name.length] ??= [];
  NOT_NESTING[name.length].push(name);
}

/** Whether html[start, end) names a void or auto-closed element, in any letter case. */
function isNotNesting(html: string, start: number, end: number): boolean {
  const names = NOT_NESTING[end - start];
  if (!names) return false;
  outer: for (const name of names) {
    for (let j = 0; j < name.length; j++)
      if ((html.charCodeAt(start + j) | 0x20) !== name.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** The HTML parser is quadratic in nesting depth: real pages stay far below this, pathological ones are refused. */
function checkNesting(html: string, budget: TimeBudget): void {
  // Tags as /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g would match them, scanned without a regex.
  let depth = 0;
  let lt = html.indexOf("<");
  while (lt >= 0) {
    let i = lt + 1;
    const closing = html.charCodeAt(i) === 47;
    if (closing) i++;
    if (!isTagNameStart(html.charCodeAt(i))) {
      lt = html.indexOf("<", lt + 1);
      continue;
    }
    const nameStart = i;
    while (isTagNameChar(html.charCodeAt(++i)));
    const gt = html.indexOf(">", i);
    if (gt < 0) return;
    budget.check();
    lt = html.indexOf("<", gt + 1);
    if ((gt > i && html.charCodeAt(gt - 1) === 47) || isNotNesting(html, nameStart, i)) continue;
    depth += closing ? -1 : 1;
    if (depth > MAX_DEPTH) {
      throw new ReportParseError("CORRUPT_FILE", `HTML 标签嵌套超过 ${MAX_DEPTH} 层，文件异常，无法解析`);
    }
    if (depth < 0) depth = 0;
  }
}

export function extractHtml(html: string, budget: TimeBudget): HtmlExtract {
  checkNesting(html, budget);
  const { root, metaTitles, headings } = parsePage(html, budget);
  budget.checkNow();
  const titles = metaTitles;
  for (const el of headings) {
    if (titles.length >= 40) break;
    titles.push(textOf(el, budget));
  }
  const items: Item[] = [];
  const lines: string[] = [];
  let line = "";
  const flushLine = () => {
    const text = line.replace(/[\s\u00a0\u3000]+/g, " ").trim();
    if (text) {
      items.push({ kind: "text", text });
      lines.push(text);
    }
    line = "";
  };
  const stack: (HtmlNode | null)[] = [root];
  while (stack.length > 0) {
    budget.check();
    const node = stack.pop();
    if (node === null) {
      flushLine();
      continue;
    }
    if (!node) continue;
    if (node.type === "text") {
      line += node.data;
      continue;
    }
    if (node.type !== "root" && !isElement(node)) continue;
    const el = node as PageElement;
    const name = el.name;
    if (SKIP.has(name)) continue;
    if (name === "br") {
      flushLine();
      continue;
    }
    if (name === "table" && !el.tableBelow) {
      flushLine();
      for (const row of tableToRows(el, budget)) {
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
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  flushLine();
  return { items, lines, titles };
}
