import type { Rng } from "./rng";

/** What a printed page leaves between two rows of a table when the text is taken off it. */
export type PageBreakNoise = "folio" | "folio-of" | "running-title" | "bare-number";

function pageNoise(kind: PageBreakNoise, page: number, title: string): string[] {
  switch (kind) {
    case "folio":
      return [`— ${page} —`];
    case "folio-of":
      return [`第 ${page} 页 共 ${page + 3} 页`];
    case "running-title":
      return [`— ${page} —`, "", title];
    default:
      return [String(page)];
  }
}

/**
 * A page break inside each statistics table of a rendered text report (Markdown, one cell per line, HTML): the
 * table is cut at a random row and the page's folio (and perhaps the running title) stands between the two halves.
 * In Markdown and HTML the second half becomes a table of its own, as converters write it.
 */
export function breakPages(text: string, rng: Rng, kind: PageBreakNoise): string {
  const title = /^#?\s*(.+年度报告)\s*$/m.exec(text)?.[1] ?? "政府信息公开工作年度报告";
  let page = rng.int(2, 5);
  if (/<table/i.test(text)) {
    return text.replace(/<table[^>]*>[\s\S]*?<\/table>/gi, (table) => {
      const rows = table.split(/(?=<tr)/i);
      if (/索引号|发布机构/.test(table) || rows.length < 5) return table;
      const cut = rng.int(3, rows.length - 1);
      const open = /^<table[^>]*>/i.exec(table)?.[0] ?? "<table>";
      const noise = pageNoise(kind, page++, title)
        .filter(Boolean)
        .map((l) => `<p>${l}</p>`)
        .join("");
      return `${rows.slice(0, cut).join("")}</tbody></table>${noise}${open}<tbody>${rows.slice(cut).join("")}`;
    });
  }
  const lines = text.split("\n");
  const out: string[] = [];
  const pipe = lines.some((l) => l.trimStart().startsWith("|"));
  if (pipe) {
    let run: string[] = [];
    const flush = () => {
      if (run.length >= 5) {
        const cut = rng.int(3, run.length - 1);
        out.push(...run.slice(0, cut), "", ...pageNoise(kind, page++, title), "", ...run.slice(cut));
      } else out.push(...run);
      run = [];
    };
    for (const line of lines) {
      if (line.trimStart().startsWith("|")) run.push(line);
      else {
        flush();
        out.push(line);
      }
    }
    flush();
    return out.join("\n");
  }
  // One cell per line: break before a row label inside the tables' part of the page.
  const start = lines.findIndex((l) => /主动公开政府信息情况/.test(l));
  const end = lines.findIndex((l, i) => i > start && /存在的主要问题/.test(l));
  const labels = lines
    .map((l, i) =>
      i > start && i < end && /^\s*(?:[（(][一二三四五六七][)）]|\d[.．、]|[一二三四]、)/.test(l) ? i : -1,
    )
    .filter((i) => i >= 0);
  const cuts = new Set(rng.shuffle(labels).slice(0, 3));
  lines.forEach((line, i) => {
    if (cuts.has(i)) out.push(...pageNoise(kind, page++, title));
    out.push(line);
  });
  return out.join("\n");
}

/**
 * A table whose last rows were lost (a page not captured, a section cut off): the text from a random row of the
 * chosen table to the next section heading is dropped, so the rows after the cut are simply not in the document.
 */
export function cutTableEnd(text: string, rng: Rng, table: "applications" | "review"): string {
  const heading = table === "applications" ? /收到和处理政府信息公开申请/ : /行政复议.{0,3}行政诉讼/;
  const start = text.search(heading);
  const end = text.search(/[五六][、.．]\s*存在的主要问题/);
  if (start < 0 || end < start) return text;
  const body = text.slice(start, end);
  const rows = [...body.matchAll(/<tr|\n(?=\s*\||\s*(?:[（(][一二三四五六七][)）]|\d[.．、]|[一二三四]、))/gi)].map(
    (m) => m.index,
  );
  if (rows.length < 3) return text;
  const cut = rows[rng.int(Math.floor(rows.length / 2), rows.length - 1)];
  const close = /<table/i.test(body) ? "</tbody></table>\n" : "\n";
  return `${text.slice(0, start + cut)}${close}${text.slice(end)}`;
}
