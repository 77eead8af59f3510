import {
  ACTIVE_ROWS,
  type ActiveRowKey,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  type ApplicationRowKey,
  type Layout,
} from "@/lib/report/schema";

/** Official wording of the two layouts (国办公开办函〔2019〕60号 and 〔2021〕30号), beyond the schema's short labels. */

export type ActiveSection = { caption: string; header: string[]; rows: ActiveRowKey[] };

const ACTIVE_HEADERS: Record<Layout, Record<string, string>> = {
  "2019": {
    made: "本年新制作数量",
    newlyPublished: "本年新公开数量",
    totalPublished: "对外公开总数量",
    previous: "上一年项目数量",
    change: "本年增/减",
    decisions: "处理决定数量",
    count: "采购项目数量",
    amount: "采购总金额",
  },
  "2021": {
    made: "本年制发件数",
    repealed: "本年废止件数",
    inForce: "现行有效件数",
    decisions: "本年处理决定数量",
    amount: "本年收费金额（单位：万元）",
  },
};

const ACTIVE_GROUPS: [caption: string, rows: ActiveRowKey[]][] = [
  ["第二十条第（一）项", ["rules", "normativeDocs"]],
  ["第二十条第（五）项", ["licensing", "otherServices"]],
  ["第二十条第（六）项", ["penalty", "coercion"]],
  ["第二十条第（八）项", ["fees"]],
  ["第二十条第（九）项", ["procurement"]],
];

/** Table A as the layout prints it: captioned sections, each with its own header row. */
export function listActiveSections(layout: Layout): ActiveSection[] {
  return ACTIVE_GROUPS.map(([caption, rows]) => {
    const present = rows.filter((k) => ACTIVE_ROWS[k].columns[layout].length > 0);
    const columns = present.length > 0 ? (ACTIVE_ROWS[present[0]!].columns[layout] as readonly string[]) : [];
    return {
      caption,
      header: ["信息内容", ...columns.map((c) => ACTIVE_HEADERS[layout][c] ?? c)],
      rows: present,
    };
  }).filter((s) => s.rows.length > 0);
}

export function labelActiveRow(key: ActiveRowKey, layout: Layout): string {
  if (key === "normativeDocs" && layout === "2019") return "规范性文件";
  return ACTIVE_ROWS[key].label;
}

export const PARTIAL_FULL_LABEL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
export const APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
export const APPLICANT_GROUP_LABEL = "申请人情况";
export const ORG_GROUP_LABEL = "法人或其他组织";
export const OUTCOMES_GROUP_LABEL = "三、本年度办理结果";

/** One printed row of table B: a top-level row (一、二、四), a single row inside 三, or an item of a 三 group. */
export type ApplicationRowLayout =
  | { kind: "top"; key: ApplicationRowKey; label: string }
  | { kind: "single"; key: ApplicationRowKey; label: string }
  | { kind: "group"; label: string; items: { key: ApplicationRowKey; label: string }[] };

/** Table B's rows for a layout, grouped as printed, derived from the schema's labels. */
export function listApplicationRows(layout: Layout, opts: { singleOtherRow?: boolean } = {}): ApplicationRowLayout[] {
  const keys = APPLICATION_ROW_KEYS.filter((k) => {
    const layouts = APPLICATION_ROWS[k].layouts as readonly Layout[];
    if (opts.singleOtherRow && layout === "2021") {
      if ((k as string) === "otherHandling") return true;
      if (k.startsWith("other")) return false;
    }
    return layouts.includes(layout);
  });
  const out: ApplicationRowLayout[] = [];
  for (const key of keys) {
    const label: string = APPLICATION_ROWS[key].label;
    if (!label.startsWith("（")) {
      out.push({ kind: "top", key, label });
      continue;
    }
    const space = label.indexOf(" ");
    if (space < 0) {
      out.push({ kind: "single", key, label: key === "partial" ? PARTIAL_FULL_LABEL : label });
      continue;
    }
    const group = label.slice(0, space);
    const item = label.slice(space + 1);
    const last = out[out.length - 1];
    if (last?.kind === "group" && last.label === group) last.items.push({ key, label: item });
    else out.push({ kind: "group", label: group, items: [{ key, label: item }] });
  }
  return out;
}

export const REVIEW_GROUP_LABEL = "行政复议";
export const LITIGATION_GROUP_LABEL = "行政诉讼";
export const LITIGATION_SUB_LABELS = {
  litigationDirect: "未经复议直接起诉",
  litigationAfterReview: "复议后起诉",
} as const;

export const SECTION_TITLES = {
  overview: "一、总体情况",
  active: "二、主动公开政府信息情况",
  applications: "三、收到和处理政府信息公开申请情况",
  review: "四、政府信息公开行政复议、行政诉讼情况",
  problems: "五、存在的主要问题及改进情况",
  other: "六、其他需要报告的事项",
} as const;

export const PROBLEMS_TITLE_VARIANTS = [
  SECTION_TITLES.problems,
  SECTION_TITLES.problems,
  "五、存在的主要问题及整改措施",
  "五、政府信息公开工作存在的主要问题及改进情况",
];
