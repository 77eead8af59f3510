import { labelActiveRow } from "@/lib/report/official-layout";
import type { ApplicationRowKey } from "@/lib/report/schema";
import type { GeneratedReport } from "./random-report";
import type { Rng } from "./rng";

/** How an agency refers to itself in its own report. */
export function describeSelf(agency: string): string {
  if (agency.endsWith("街道办事处")) return "本街道";
  if (/镇人民政府$/.test(agency)) return "我镇";
  if (/乡人民政府$/.test(agency)) return "我乡";
  if (agency.endsWith("人民政府")) {
    const unit = agency.slice(-5, -4);
    return unit === "省" || unit === "市" || unit === "县" || unit === "区" ? `我${unit}` : "本机关";
  }
  if (agency.endsWith("委员会")) return "我委";
  if (agency.endsWith("厅")) return "我厅";
  if (agency.endsWith("管委会")) return "我委";
  return "我局";
}

const WORK_PARAGRAPHS = [
  "（一）主动公开。{self}坚持“公开为常态、不公开为例外”原则，围绕中心工作和群众关切，通过政府门户网站、政务新媒体等渠道主动公开政府信息{posts}条，及时发布通知公告、政策文件、人事信息、财政预决算等内容。",
  "（二）依申请公开。{self}严格按照《条例》规定，规范依申请公开受理、审核、答复等环节，做到依法依规、按时答复。",
  "（三）政府信息管理。严格落实信息发布“三审三校”制度，加强保密审查，对拟公开信息逐条审核，确保信息准确、安全；动态调整主动公开基本目录，做好规范性文件清理工作。",
  "（四）政府信息公开平台建设。持续优化政府网站信息公开专栏，及时更新机构职能、法定主动公开内容、政策解读等栏目，加强政务新媒体日常管理，全年未发生重大网络安全事件。",
  "（五）监督保障。成立由主要负责同志任组长的政务公开工作领导小组，明确专人负责政务公开工作，将政务公开纳入年度目标考核，定期开展自查自纠，及时整改发现的问题。",
];

const PROBLEM_PARAGRAPHS = [
  "存在的主要问题：一是政务公开工作的主动性有待进一步提高，部分信息发布不够及时；二是政策解读形式较为单一，图解、视频等解读方式运用不多；三是工作人员业务能力有待提升。",
  "改进措施：一是进一步健全信息发布审核机制，提高信息发布的时效性和准确性；二是丰富政策解读形式，提升解读质量；三是加强业务培训，提高工作人员的专业水平。",
  "{year}年，{self}政府信息公开工作虽取得一定成效，但仍存在公开内容不够全面、公开形式不够丰富等问题。下一步，{self}将继续加大公开力度，拓展公开渠道，不断提升政务公开工作质量。",
];

function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));
}

function readRowTotal(report: GeneratedReport, key: ApplicationRowKey): number {
  return (report.applications[key]?.total ?? 0) as number;
}

/**
 * 一、总体情况 as real reports write it: boilerplate plus a restatement of some table totals. With `mismatch`,
 * one restated count differs from the table, as in real reports (the table is what counts).
 */
export function composeOverview(report: GeneratedReport, rng: Rng, mismatch: boolean): string[] {
  const self = describeSelf(report.agency);
  const year = report.year;
  const received = readRowTotal(report, "received");
  const carriedOver = readRowTotal(report, "carriedOver");
  const processed = readRowTotal(report, "processedTotal");
  const granted = readRowTotal(report, "granted");
  const partial = readRowTotal(report, "partial");
  const forward = readRowTotal(report, "carriedForward");
  const natural = (report.applications.received?.natural ?? 0) as number;
  const shown = mismatch ? received + rng.int(1, 9) : received;
  const paragraphs = [
    `${year}年，${self}深入贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级关于政务公开工作的决策部署，坚持以公开促落实、以公开促规范、以公开促服务，不断提升政务公开工作质效。`,
  ];
  const work = WORK_PARAGRAPHS.map((p) => fillTemplate(p, { self, posts: rng.int(40, 4000) }));
  work[1] =
    received + carriedOver === 0
      ? `（二）依申请公开。${year}年，${self}未收到政府信息公开申请，无上年结转的申请。`
      : `（二）依申请公开。${year}年，${self}共收到政府信息公开申请${shown}件，其中自然人申请${natural}件，法人或其他组织申请${received - natural}件；上年结转${carriedOver}件。本年度办结${processed}件，其中予以公开${granted}件，部分公开${partial}件，结转下年度继续办理${forward}件。`;
  paragraphs.push(...work.slice(0, rng.int(2, work.length)));
  const docs = report.active.normativeDocs;
  if (docs && rng.chance(0.6)) {
    const made = docs.made ?? 0;
    const kept = report.format === "2019" ? docs.totalPublished : docs.inForce;
    paragraphs.push(
      `${year}年，${self}制发${labelActiveRow("normativeDocs", report.format)}${made}件，${report.format === "2019" ? "累计对外公开" : "现行有效"}${kept ?? 0}件。`,
    );
  }
  const reviews = (report.review?.total ?? 0) as number;
  const suits =
    ((report.litigationDirect?.total ?? 0) as number) + ((report.litigationAfterReview?.total ?? 0) as number);
  if (rng.chance(0.5)) {
    paragraphs.push(
      reviews + suits === 0
        ? "全年未发生因政府信息公开引起的行政复议和行政诉讼案件。"
        : `全年因政府信息公开引起行政复议${reviews}件、行政诉讼${suits}件。`,
    );
  }
  return paragraphs;
}

export function composeProblems(report: GeneratedReport, rng: Rng): string[] {
  const self = describeSelf(report.agency);
  return rng
    .shuffle(PROBLEM_PARAGRAPHS)
    .slice(0, rng.int(1, 2))
    .map((p) => fillTemplate(p, { self, year: report.year }));
}

export function composeOther(report: GeneratedReport, rng: Rng): string[] {
  const self = describeSelf(report.agency);
  const lines = [
    report.format === "2021"
      ? `根据《政府信息公开信息处理费管理办法》，${report.year}年${self}未收取政府信息公开信息处理费。`
      : `${report.year}年${self}未收取政府信息公开相关费用。`,
  ];
  if (rng.chance(0.5)) lines.push("本年度无其他需要报告的事项。");
  return lines;
}

export function composeIntro(report: GeneratedReport, rng: Rng): string {
  const y = report.year;
  return rng.pick([
    `本报告根据《中华人民共和国政府信息公开条例》第五十条规定编制。报告所列数据的统计期限自${y}年1月1日起至${y}年12月31日止。如对本报告有疑问，请与${report.agency}办公室联系。`,
    `依据《中华人民共和国政府信息公开条例》第五十条之规定，制作本报告。`,
    `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求，现向社会公布${report.agency}${y}年度政府信息公开工作年度报告。`,
  ]);
}

/** "2024年1月17日" for "2024-01-17". */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
