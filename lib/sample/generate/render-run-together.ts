import { findAmbiguousCells } from "./ambiguity";
import { addDeviation } from "./expected";
import type { GeneratedReport } from "./random-report";
import { layOut, packTextFile } from "./render-common";
import type { Rng } from "./rng";
import type { DocTable, RenderedDocument, RenderOptions } from "./types";

/**
 * A page a crawler flattened whole (like the 平潭 seed): a metadata header, then the article as one line in which
 * every table cell runs into the next with no separator ("行政许可2629", "801000081").
 */
export function renderRunTogether(report: GeneratedReport, rng: Rng, opts: RenderOptions): RenderedDocument {
  // A blank cell, a thousands separator or a misprinted total would leave the digits undecidable by any reader.
  const { document, expected } = layOut(report, rng, opts, {
    blankCells: false,
    thousandsSeparators: false,
    misprints: false,
  });
  const tables: DocTable[] = [];
  const pieces: string[] = [];
  for (const block of document.blocks) {
    if (block.kind === "title" || block.kind === "meta") continue;
    if (block.kind === "table") {
      tables.push(block.table);
      pieces.push(block.table.rows.flatMap((r) => r.cells.map((c) => c.text.replace(/\n/g, ""))).join(""));
    } else pieces.push(block.text);
  }
  for (const cells of findAmbiguousCells(tables)) {
    for (const path of cells) {
      const cell = expected.cells[path];
      if (cell) cell.unresolvedOk = true;
    }
    addDeviation(expected, "ambiguous-split", cells, "optional", "连排数字有多种拆分，表内勾稽关系不能确定");
  }
  const time = `${String(rng.int(8, 18)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`;
  const id = rng.int(10000, 99999);
  const header = [
    `标题: ${document.title}`,
    `发布时间: ${document.publishedAt} ${time}`,
    "文号: ",
    `发布机构: ${rng.chance(0.6) ? `${document.agency}办公室` : document.agency}`,
    "栏目: 政府信息公开年报",
    `原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/${document.publishedAt.slice(0, 7).replace("-", "")}/t${document.publishedAt.replace(/-/g, "")}_${id}.htm`,
    "==================== 正文 ====================",
  ];
  const joiner = rng.pick([" ", ""]);
  const text = `${header.join("\n")}\n${pieces.join(joiner)}`;
  return packTextFile(rng, text, document, expected, "run-together");
}
