import {
  ACTIVE_ROWS,
  type ActiveRowKey,
  APPLICANT_COLUMN_LABELS,
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  type ApplicantColumn,
  type ApplicationRowKey,
  type Layout,
  REVIEW_BLOCKS,
  REVIEW_COLUMN_LABELS,
  REVIEW_COLUMNS,
  type ReviewBlockKey,
} from "./schema";

/**
 * Official wording of the two layouts (国办公开办函〔2019〕60号 and 〔2021〕30号), beyond the schema's short labels:
 * the one place the parser's messages, the report view, exports and the sample generator take table words from.
 */

export type ActiveSection = { caption: string; header: string[]; columns: string[]; rows: ActiveRowKey[] };

/** Table numbers as the official report prints them: 表二 主动公开, 表三 依申请公开, 表四 复议诉讼. */
export const TABLE_NUMBERS = { active: "表二", applications: "表三", review: "表四" } as const;
export type TableKey = keyof typeof TABLE_NUMBERS;

/** Table A column headers when the layout is unknown: both layouts' words. */
export const ACTIVE_COLUMN_LABELS: Record<string, string> = {
  made: "本年新制作数量/本年制发件数",
  newlyPublished: "本年新公开数量",
  totalPublished: "对外公开总数量",
  repealed: "本年废止件数",
  inForce: "现行有效件数",
  previous: "上一年项目数量",
  change: "本年增/减",
  decisions: "处理决定数量",
  count: "采购项目数量",
  amount: "金额（万元）",
};

export const ACTIVE_HEADERS: Record<Layout, Record<string, string>> = {
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
      columns: [...columns],
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

const NUMBERING = /^(?:（[一二三四五六七八九十]+）|\d+\.)/;

/**
 * The heading of the group a table B row is an item of (“（三）不予公开”), or a row's own label when it has no
 * group; `numbered: false` drops the “（三）”.
 */
export function labelApplicationGroup(key: ApplicationRowKey, opts: { numbered?: boolean } = {}): string {
  const label: string = APPLICATION_ROWS[key].label;
  const space = label.indexOf(" ");
  const group = space < 0 ? label : label.slice(0, space);
  return opts.numbered === false ? group.replace(NUMBERING, "") : group;
}

/** A table B row's label within its group (“1.属于国家秘密”); `numbered: false` drops the “1.”. */
export function labelApplicationItem(key: ApplicationRowKey, opts: { numbered?: boolean } = {}): string {
  const label: string = APPLICATION_ROWS[key].label;
  const item = label.slice(label.indexOf(" ") + 1);
  return opts.numbered === false ? item.replace(NUMBERING, "") : item;
}

/** An applicant column named outside the table (a chart series, a metric), where a bare “其他” would not say whose. */
export function labelApplicantType(column: ApplicantColumn): string {
  return column === "otherOrg" ? "其他组织" : APPLICANT_COLUMN_LABELS[column];
}

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
    if (!label.includes(" ")) {
      out.push({ kind: "single", key, label: key === "partial" ? PARTIAL_FULL_LABEL : label });
      continue;
    }
    const group = labelApplicationGroup(key);
    const item = labelApplicationItem(key);
    const last = out[out.length - 1];
    if (last?.kind === "group" && last.label === group) last.items.push({ key, label: item });
    else out.push({ kind: "group", label: group, items: [{ key, label: item }] });
  }
  return out;
}

// Table C's printed headings are the schema's words: the block names are made of them.
export { LITIGATION_GROUP_LABEL, LITIGATION_SUB_LABELS, REVIEW_GROUP_LABEL } from "./schema";

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

/** A table A column's header: the layout's own words, or both layouts' when the layout is unknown. */
export function labelActiveColumn(column: string, layout?: Layout | null): string {
  return (layout ? ACTIVE_HEADERS[layout][column] : undefined) ?? ACTIVE_COLUMN_LABELS[column] ?? column;
}

/** A table C block as the table heads it: 行政复议, or 行政诉讼 with its sub-heading. */
export function labelReviewBlock(block: ReviewBlockKey): string {
  return REVIEW_BLOCKS[block];
}

/** Column names quoted in the table's order: “商业企业”“科研机构”; null when one is not a column of the row's table. */
function quoteColumns(head: string, columns: readonly string[], layout?: Layout | null): string | null {
  const order: readonly string[] =
    head === "active"
      ? Object.keys(ACTIVE_COLUMN_LABELS)
      : head === "applications"
        ? APPLICANT_COLUMNS
        : REVIEW_COLUMNS;
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  const names = [...columns]
    .sort((a, b) => rank(a) - rank(b))
    .map((c) => {
      if (head === "active") return labelActiveColumn(c, layout);
      const labels: Record<string, string> = head === "applications" ? APPLICANT_COLUMN_LABELS : REVIEW_COLUMN_LABELS;
      return Object.hasOwn(labels, c) ? labels[c] : null;
    });
  return names.every(Boolean) ? names.map((n) => `“${n}”`).join("") : null;
}

/** Cells of one row (or one 表四 block) named once: 表三“商业企业”“科研机构”列“（一）予以公开”行; null if unknown. */
function describeRowCells(row: string, columns: readonly string[], layout?: Layout | null): string | null {
  const [head, second] = row.split(".");
  const quoted = quoteColumns(head, columns, layout);
  if (!quoted) return null;
  if (head === "active") {
    const key = second as ActiveRowKey;
    if (!Object.hasOwn(ACTIVE_ROWS, key)) return null;
    return `${TABLE_NUMBERS.active}${quoted}列“${layout ? labelActiveRow(key, layout) : ACTIVE_ROWS[key].label}”行`;
  }
  if (head === "applications") {
    const label = Object.hasOwn(APPLICATION_ROWS, second) ? APPLICATION_ROWS[second as ApplicationRowKey].label : null;
    return label ? `${TABLE_NUMBERS.applications}${quoted}列“${label}”行` : null;
  }
  if (Object.hasOwn(REVIEW_BLOCKS, head) && second === undefined) {
    return `${TABLE_NUMBERS.review}“${labelReviewBlock(head as ReviewBlockKey)}”栏${quoted}列`;
  }
  return null;
}

/** A cell path as the row (or 表四 block) it lies in and its column; null for a row or table path. */
function splitCellPath(path: string): { row: string; column: string } | null {
  const parts = path.split(".");
  if (Object.hasOwn(REVIEW_BLOCKS, parts[0])) return parts.length === 2 ? { row: parts[0], column: parts[1] } : null;
  return parts.length === 3 ? { row: `${parts[0]}.${parts[1]}`, column: parts[2] } : null;
}

/**
 * A cell, row or table of the canonical JSON named the way the official table names it, e.g.
 * 表三“自然人”列“（三）不予公开 1.属于国家秘密”行; an unknown path is returned as it is.
 */
export function describeCell(path: string, layout?: Layout | null): string {
  // Pure, and asked for the same rows and cells on every document.
  const key = `${layout ?? ""}\u0000${path}`;
  let name = DESCRIBED.get(key);
  if (name === undefined) {
    if (DESCRIBED.size >= 20_000) DESCRIBED.clear();
    name = nameCell(path, layout);
    DESCRIBED.set(key, name);
  }
  return name;
}

const DESCRIBED = new Map<string, string>();

function nameCell(path: string, layout?: Layout | null): string {
  const cell = splitCellPath(path);
  if (cell) return describeRowCells(cell.row, [cell.column], layout) ?? path;
  const [head, second] = path.split(".");
  if (head === "active") {
    if (!second) return `${TABLE_NUMBERS.active}（${SECTION_TITLES.active.slice(2)}）`;
    const key = second as ActiveRowKey;
    if (!ACTIVE_ROWS[key]) return path;
    return `${TABLE_NUMBERS.active}“${layout ? labelActiveRow(key, layout) : ACTIVE_ROWS[key].label}”行`;
  }
  if (head === "applications") {
    if (!second) return `${TABLE_NUMBERS.applications}（${SECTION_TITLES.applications.slice(2)}）`;
    const row = APPLICATION_ROWS[second as ApplicationRowKey];
    return row ? `${TABLE_NUMBERS.applications}“${row.label}”行` : path;
  }
  if (head === "review" && !second) return `${TABLE_NUMBERS.review}（${SECTION_TITLES.review.slice(2)}）`;
  if (head in REVIEW_BLOCKS && !second) return `${TABLE_NUMBERS.review}“${labelReviewBlock(head as ReviewBlockKey)}”栏`;
  return path;
}

/**
 * Many cells said row by row: the cells of one row (or 表四 block) in one phrase, in the order first met, e.g.
 * 表三“商业企业”“科研机构”列“（一）予以公开”行; rows and tables as `describeCell` names them.
 */
export function describeCellsByRow(paths: readonly string[], layout?: Layout | null): string[] {
  // Row and table paths are keyed apart ("#…") from the rows their cells are grouped under.
  const rows = new Map<string, string[]>();
  for (const path of new Set(paths)) {
    const cell = splitCellPath(path);
    const key = cell ? cell.row : `#${path}`;
    rows.set(key, [...(rows.get(key) ?? []), ...(cell ? [cell.column] : [])]);
  }
  return [...rows].map(([row, columns]) =>
    row.startsWith("#")
      ? describeCell(row.slice(1), layout)
      : (describeRowCells(row, columns, layout) ?? columns.map((c) => describeCell(`${row}.${c}`, layout)).join("、")),
  );
}

/** Several cells named once each, joined with 、 (at most `limit`, then “等 N 个单元格”). */
export function describeCells(paths: readonly string[], layout?: Layout | null, limit = 5): string {
  const names = paths.slice(0, limit).map((p) => describeCell(p, layout));
  return paths.length > limit ? `${names.join("、")}等 ${paths.length} 个单元格` : names.join("、");
}
