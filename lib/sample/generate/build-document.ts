import { SECTION_TITLES } from "@/lib/report/official-layout";
import type { Builder } from "./builder";
import { addDeviation, expectCells } from "./expected";
import { foldOtherRows, injectHalfWidthPunctuation, injectLabelTypo, injectTotalDeviation } from "./inject-deviations";
import { drawPlan, type RenderingCapabilities } from "./mess-plan";
import { composeIntro, composeOther, composeOverview, composeProblems, formatChineseDate } from "./narrative";
import type { GeneratedReport } from "./random-report";
import type { Rng } from "./rng";
import { buildActiveTable } from "./table-active";
import { buildApplicationsTable } from "./table-applications";
import { buildReviewTable } from "./table-review";
import type { DocBlock, DocTable, ExpectedParse, ReportDocument } from "./types";

export type BuildOptions = { messiness: number; capabilities: RenderingCapabilities };

/** Lays out a report as a full document with the drawn deviations, and what a parser should read from it. */
export function buildDocument(
  report: GeneratedReport,
  rng: Rng,
  opts: BuildOptions,
): { document: ReportDocument; expected: ExpectedParse } {
  const layout = report.format;
  const plan = drawPlan(rng, opts.messiness, opts.capabilities, layout);
  const b: Builder = {
    rng,
    report,
    layout,
    plan,
    cells: expectCells(report),
    deviations: [],
    valueCells: new Map(),
  };
  if (plan.singleOtherRow) foldOtherRows(b);
  const tables = [buildActiveTable(b), buildApplicationsTable(b), buildReviewTable(b)];
  injectTotalDeviation(b, tables);
  if (plan.labelTypo) injectLabelTypo(b, tables);
  if (plan.halfWidthPunctuation) injectHalfWidthPunctuation(b, tables);
  if (plan.narrativeMismatch) addDeviation(b, "narrative-mismatch", [], "optional", "正文复述的申请数与表格不符");

  const title = `${report.agency}${rng.chance(0.3) ? " " : ""}${report.year}年${rng.pick(["", "度"])}政府信息公开工作年度报告`;
  const heading = (text: string): DocBlock => ({ kind: "heading", text });
  const tableSection = (key: "active" | "applications" | "review", table: DocTable): DocBlock[] => [
    heading(SECTION_TITLES[key]),
    { kind: "table", table },
  ];
  const middle = [
    tableSection("active", tables[0]!),
    tableSection("applications", tables[1]!),
    tableSection("review", tables[2]!),
  ];
  if (plan.sectionsOutOfOrder) {
    [middle[1], middle[2]] = [middle[2]!, middle[1]!];
    addDeviation(b, "sections-out-of-order", [], "optional", "第三、四部分顺序颠倒");
  }
  const blocks: DocBlock[] = [
    { kind: "title", text: title },
    { kind: "meta", text: report.publishedAt },
    { kind: "paragraph", text: composeIntro(report, rng) },
    heading(SECTION_TITLES.overview),
    ...composeOverview(report, rng, plan.narrativeMismatch).map((text): DocBlock => ({ kind: "paragraph", text })),
    ...middle.flat(),
    heading(plan.problemsTitle),
    ...composeProblems(report, rng).map((text): DocBlock => ({ kind: "paragraph", text })),
    heading(SECTION_TITLES.other),
    ...composeOther(report, rng).map((text): DocBlock => ({ kind: "paragraph", text })),
    { kind: "signature", text: report.agency },
    { kind: "signature", text: formatChineseDate(report.publishedAt) },
  ];
  return {
    document: { title, agency: report.agency, publishedAt: report.publishedAt, blocks },
    expected: {
      agency: report.agency,
      year: report.year,
      format: layout,
      publishedAt: report.publishedAt,
      cells: b.cells,
      deviations: b.deviations,
    },
  };
}
