import { encodeText, fitsGbk, pickEncoding, type TextEncoding } from "./encoding";
import type { GeneratedReport } from "./random-report";
import { formatDateLine, layOut, pickFileName, pickSource } from "./render-common";
import type { Rng } from "./rng";
import type { DocCell, DocTable, RenderedDocument, RenderOptions, ReportDocument } from "./types";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

type Style = { wordPaste: boolean; nbspBlanks: boolean; cellParagraphs: boolean; headingTag: "h3" | "strong" | "font" };

const BODY_FONTS = ["仿宋_GB2312", "方正仿宋_GBK", "宋体", "微软雅黑"];

/** Text as Word pastes it into a CMS: split across spans and fonts, ending in an empty <o:p>. */
function splitIntoWordRuns(rng: Rng, text: string, font: string): string {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const len = rest.length <= 3 ? rest.length : rng.int(1, Math.min(rest.length, 12));
    pieces.push(rest.slice(0, len));
    rest = rest.slice(len);
  }
  const runs = pieces.map((p) =>
    rng.chance(0.5)
      ? `<span style="font-family: ${font};"><font face="${font}">${escapeHtml(p)}</font></span>`
      : `<span style="font-family: ${font}; font-size: 12pt;">${escapeHtml(p)}</span>`,
  );
  return `${runs.join("")}<span><o:p></o:p></span>`;
}

function renderInline(rng: Rng, style: Style, text: string, font: string): string {
  return style.wordPaste ? splitIntoWordRuns(rng, text, font) : escapeHtml(text);
}

function renderParagraph(rng: Rng, style: Style, text: string, font: string): string {
  if (style.wordPaste) {
    return `<p class="MsoNormal" style="text-indent: 2em; line-height: 2;" align="justify">${splitIntoWordRuns(rng, text, font)}</p>`;
  }
  return `<p style="text-indent: 2em;">${escapeHtml(text)}</p>`;
}

function renderHeading(rng: Rng, style: Style, text: string): string {
  if (style.headingTag === "h3") return `<h3>${escapeHtml(text)}</h3>`;
  if (style.headingTag === "strong") return `<p style="text-indent: 2em;"><strong>${escapeHtml(text)}</strong></p>`;
  return `<p style="text-indent: 2em;">${splitIntoWordRuns(rng, text, "黑体")}</p>`;
}

function renderCell(rng: Rng, style: Style, cell: DocCell): string {
  const attrs: string[] = [];
  if (cell.rowSpan && cell.rowSpan > 1) attrs.push(`rowspan="${cell.rowSpan}"`);
  if (cell.colSpan && cell.colSpan > 1) attrs.push(`colspan="${cell.colSpan}"`);
  if (style.wordPaste) attrs.push(`width="${rng.int(38, 190)}"`, `valign="${rng.pick(["center", "top"])}"`);
  let lines = cell.text.split("\n");
  // Word breaks a narrow header cell's words into paragraphs of their own ("商业" / "企业").
  if (style.wordPaste && cell.role === "header" && lines.length === 1 && cell.text.length === 4 && rng.chance(0.4)) {
    lines = [cell.text.slice(0, 2), cell.text.slice(2)];
  }
  let inner: string;
  if (cell.text === "") {
    inner = style.wordPaste ? `<p align="center"><span><o:p>&nbsp;</o:p></span></p>` : style.nbspBlanks ? "&nbsp;" : "";
  } else if (style.cellParagraphs || style.wordPaste) {
    inner = lines.map((l) => `<p align="center">${renderInline(rng, style, l, "仿宋_GB2312")}</p>`).join("");
  } else {
    inner = lines.map(escapeHtml).join("<br>");
  }
  const tag = cell.role === "header" && !style.wordPaste && rng.chance(0.3) ? "th" : "td";
  return `<${tag}${attrs.length ? ` ${attrs.join(" ")}` : ""}>${inner}</${tag}>`;
}

function renderTable(rng: Rng, style: Style, table: DocTable): string {
  const rows = table.rows.map((row) => `<tr>${row.cells.map((c) => renderCell(rng, style, c)).join("")}</tr>`);
  const attrs = style.wordPaste
    ? `class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse: collapse;"`
    : `border="1" cellspacing="0" cellpadding="4" width="100%"`;
  return `<div align="center"><table ${attrs}><tbody>\n${rows.join("\n")}\n</tbody></table></div>`;
}

const NAV_ITEMS = ["首页", "走进", "政务公开", "政务服务", "政民互动", "专题专栏", "数据开放"];

function renderChromeTop(rng: Rng, site: string, doc: ReportDocument): string {
  const nav = NAV_ITEMS.map(
    (item) => `<li><a href="/${rng.int(100, 999)}/">${item === "走进" ? `走进${site.slice(0, 2)}` : item}</a></li>`,
  );
  const parts = [
    `<div class="top-bar"><span id="utime">${doc.publishedAt.slice(0, 4)}年 星期${rng.pick(["一", "二", "三", "四", "五"])}</span><a href="javascript:void(0)">无障碍</a> | <a href="javascript:void(0)">长者模式</a> | <a href="javascript:void(0)">繁體版</a></div>`,
    `<div class="header"><div class="logo"><img src="/images/logo.png" alt="${escapeHtml(site)}"></div><form class="search" action="/search"><input type="text" name="q" placeholder="请输入关键字"><button>搜索</button></form></div>`,
    `<div class="nav"><ul>${nav.join("")}</ul></div>`,
    `<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>`,
  ];
  return parts.filter((_, i) => i !== 0 || rng.chance(0.6)).join("\n");
}

function renderInfoTable(rng: Rng, doc: ReportDocument): string {
  const index = `${rng.int(10 ** 8, 10 ** 9 - 1)}/${doc.publishedAt.slice(0, 4)}-${String(rng.int(1, 99999)).padStart(5, "0")}`;
  return `<table class="xxgk-info"><tbody>
<tr><td>索引号</td><td>${index}</td><td>分类</td><td>政府信息公开年报</td></tr>
<tr><td>发布机构</td><td>${escapeHtml(doc.agency)}</td><td>公开日期</td><td>${doc.publishedAt}</td></tr>
<tr><td>名称</td><td colspan="3">${escapeHtml(doc.title)}</td></tr>
</tbody></table>`;
}

function renderChromeBottom(rng: Rng, site: string): string {
  const share = `<div class="share">分享到：<a class="wx" href="javascript:void(0)">微信</a><a class="wb" href="javascript:void(0)">微博</a><a class="qq" href="javascript:void(0)">QQ空间</a></div>`;
  const tools = `<div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】【<a href="#top">返回顶部</a>】</div>`;
  const related = `<div class="related"><h4>相关链接</h4><ul><li><a href="/a/1.html">${rng.int(2018, 2023)}年政府信息公开工作年度报告</a></li><li><a href="/a/2.html">政府信息公开指南</a></li></ul></div>`;
  const footer = `<div class="footer"><p>主办单位：${escapeHtml(site)}办公室　承办单位：${escapeHtml(site)}大数据中心</p><p>网站标识码：${rng.int(1000000000, 9999999999)}　<a href="https://beian.miit.gov.cn/">ICP备${rng.int(10000000, 99999999)}号</a>　公安机关备案号：${rng.int(10 ** 13, 10 ** 14 - 1)}</p><p><a href="/sitemap.html">网站地图</a> | <a href="/contact.html">联系我们</a></p></div>`;
  const script = `<script type="text/javascript">var _hmt = _hmt || []; (function(){ var s = document.createElement("script"); s.src = "/js/stat.js?${rng.int(1, 9999)}"; document.body.appendChild(s); })();</script>`;
  return [rng.chance(0.7) ? share : "", tools, rng.chance(0.5) ? related : "", footer, script].join("\n");
}

function pickSiteName(rng: Rng, doc: ReportDocument): string {
  const m = doc.agency.match(/^(.+?[省市县区])/);
  return m && rng.chance(0.7) ? `${m[1]}人民政府` : doc.agency;
}

export function renderHtmlDocument(doc: ReportDocument, rng: Rng, encoding: TextEncoding): string {
  const style: Style = {
    wordPaste: rng.chance(0.45),
    nbspBlanks: rng.chance(0.5),
    cellParagraphs: rng.chance(0.4),
    headingTag: rng.pick(["h3", "strong", "font"] as const),
  };
  const site = pickSiteName(rng, doc);
  const font = rng.pick(BODY_FONTS);
  const body: string[] = [];
  const source = pickSource(rng, doc.agency);
  for (const block of doc.blocks) {
    switch (block.kind) {
      case "title":
        body.push(`<h1 class="article-title">${escapeHtml(block.text)}</h1>`);
        break;
      case "meta":
        body.push(`<div class="article-info">${escapeHtml(formatDateLine(rng, doc, source))}</div>`);
        break;
      case "heading":
        body.push(renderHeading(rng, style, block.text));
        break;
      case "subheading":
      case "paragraph":
        body.push(renderParagraph(rng, style, block.text, font));
        break;
      case "signature":
        body.push(`<p style="text-align: right;">${renderInline(rng, style, block.text, font)}</p>`);
        break;
      case "table":
        body.push(renderTable(rng, style, block.table));
        break;
    }
  }
  const charset = encoding === "gbk" ? rng.pick(["gbk", "GBK", "gb2312"]) : "utf-8";
  const meta = rng.chance(0.5)
    ? `<meta charset="${charset}">`
    : `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="${escapeHtml(site)}">
<meta name="ArticleTitle" content="${escapeHtml(doc.title)}">
<meta name="PubDate" content="${doc.publishedAt}">
<title>${escapeHtml(doc.title)}-${escapeHtml(site)}</title>
<link rel="stylesheet" href="/css/common.css">
<script src="/js/jquery.min.js"></script>
</head>
<body>
${renderChromeTop(rng, site, doc)}
<div class="main"><div class="article">
${rng.chance(0.4) ? renderInfoTable(rng, doc) : ""}
<div class="article-content" id="zoom">
${body.join("\n")}
</div>
</div></div>
${renderChromeBottom(rng, site)}
</body>
</html>
`;
}

/** A CMS article page: the report's tables as real <table> markup with spans, inside site chrome. */
export function renderHtml(report: GeneratedReport, rng: Rng, opts: RenderOptions): RenderedDocument {
  const { document, expected } = layOut(report, rng, opts);
  let encoding = pickEncoding(rng);
  let html = renderHtmlDocument(document, rng, encoding);
  if (encoding === "gbk" && !fitsGbk(html)) {
    encoding = "utf-8";
    html = html.replace(/charset=("?)(gbk|GBK|gb2312)/, "charset=$1utf-8");
  }
  return {
    bytes: encodeText(html, encoding),
    fileName: pickFileName(rng, document, rng.pick(["html", "htm", "shtml"])),
    mediaType: "text/html",
    rendering: "html",
    encoding,
    expected,
  };
}
