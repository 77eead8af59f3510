import {
  APPLICANT_GROUP_LABEL,
  APPLICATIONS_NOTE,
  type ApplicationRowLayout,
  LITIGATION_GROUP_LABEL,
  LITIGATION_SUB_LABELS,
  labelActiveRow,
  listActiveSections,
  listApplicationRows,
  ORG_GROUP_LABEL,
  OUTCOMES_GROUP_LABEL,
  PROBLEMS_TITLE_VARIANTS,
  REVIEW_GROUP_LABEL,
  SECTION_TITLES,
} from "@/lib/report/official-layout";
import {
  ACTIVE_ROW_KEYS,
  ACTIVE_ROWS,
  APPLICANT_COLUMN_LABELS,
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  type ApplicantColumn,
  type ApplicationRowKey,
  LAYOUTS,
  type Layout,
  REVIEW_BLOCK_KEYS,
  REVIEW_COLUMN_LABELS,
  REVIEW_COLUMNS,
} from "@/lib/report/schema";
import { composeIntro, composeOther, composeOverview, composeProblems, formatChineseDate } from "./narrative";
import type { GeneratedReport } from "./random-report";
import { listCells } from "./random-report";
import type { Rng } from "./rng";
import type {
  CellExpectation,
  Deviation,
  DeviationKind,
  DocBlock,
  DocCell,
  DocRow,
  DocTable,
  ExpectedParse,
  ReportDocument,
  RowEquation,
  TableId,
  ValueKind,
} from "./types";

/** What a shape can carry without making the document undecidable (a blank vanishes from run-together text). */
export type ShapeCapabilities = { blankCells: boolean; thousandsSeparators: boolean; misprints: boolean };

type ZeroMark = { mark: string; scope: "all" | "orgColumns" | "some" };

/** The deviations drawn for one document; each is drawn with a probability that grows with messiness. */
type MessPlan = {
  fullWidth: boolean;
  thousands: boolean;
  plusSign: boolean;
  zeroMarks: Partial<Record<TableId, ZeroMark>>;
  halfWidthPunctuation: boolean;
  money: "wan" | "wan-variant" | "yuan-cell" | "yuan-header";
  procurementFourDecimals: boolean;
  labelTypo: boolean;
  singleOtherRow: boolean;
  orgSubtotalColumn: boolean;
  subtotalRows: boolean;
  extraSubRow: boolean;
  sectionsOutOfOrder: boolean;
  misprintedTotal: boolean;
  blankImpliedTotal: boolean;
  narrativeMismatch: boolean;
  problemsTitle: string;
};

function drawPlan(rng: Rng, messiness: number, caps: ShapeCapabilities, layout: Layout): MessPlan {
  const m = Math.max(0, Math.min(1, messiness));
  const maybe = (p: number) => rng.chance(p * m);
  const drawZeroMark = (p: number, orgColumns: boolean): ZeroMark | undefined => {
    if (!maybe(p)) return undefined;
    const marks = caps.blankCells ? ["", "", "—", "无"] : ["—", "无"];
    const scope = rng.pickWeighted<ZeroMark["scope"]>([
      ["all", 2],
      ["orgColumns", orgColumns ? 2 : 0],
      ["some", 2],
    ]);
    return { mark: rng.pick(marks), scope };
  };
  const zeroMarks: MessPlan["zeroMarks"] = {};
  const a = drawZeroMark(0.25, false);
  const b = drawZeroMark(0.35, true);
  const c = drawZeroMark(0.2, false);
  if (a) zeroMarks.active = a;
  if (b) zeroMarks.applications = b;
  if (c) zeroMarks.review = c;
  const fullWidth = maybe(0.2);
  const wrongTotal = caps.misprints && maybe(0.25);
  return {
    fullWidth,
    thousands: caps.thousandsSeparators && !fullWidth && maybe(0.4),
    plusSign: maybe(0.5),
    zeroMarks,
    halfWidthPunctuation: maybe(0.3),
    money: maybe(0.5) ? rng.pick(["wan-variant", "yuan-cell", "yuan-header"] as const) : "wan",
    procurementFourDecimals: rng.chance(0.5),
    labelTypo: maybe(0.35),
    singleOtherRow: layout === "2021" && maybe(0.2),
    orgSubtotalColumn: maybe(0.15),
    subtotalRows: maybe(0.15),
    extraSubRow: maybe(0.25),
    sectionsOutOfOrder: maybe(0.1),
    misprintedTotal: wrongTotal && rng.chance(0.5),
    blankImpliedTotal: caps.misprints && !wrongTotal && maybe(0.2),
    narrativeMismatch: maybe(0.3),
    problemsTitle: maybe(0.5) ? rng.pick(PROBLEMS_TITLE_VARIANTS) : SECTION_TITLES.problems,
  };
}

const FULL_WIDTH_DIGITS = "０１２３４５６７８９";

function toFullWidth(text: string): string {
  return text.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!).replace(/-/g, "－");
}

function groupThousands(text: string): string {
  const [int, frac] = text.split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Decimal text of a 万元 amount, without float noise ("5949.088667"). */
function formatWan(value: number, fixed?: number): string {
  if (fixed !== undefined) return value.toFixed(fixed);
  return String(Number(value.toFixed(6)));
}

/** The same amount in 元: at most 2 decimals, since amounts carry at most 6 decimals in 万元. */
function formatYuan(value: number): string {
  const fen = Math.round(value * 1_000_000);
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, "0")}`.replace(/0$/, "");
}

const HALF_WIDTH: Record<string, string> = { "（": "(", "）": ")", "，": ",", "：": ":", "；": ";" };

/** Drops or swaps one character of a label's text part (never its numbering). */
function misspell(rng: Rng, label: string): string {
  const prefix = label.match(/^(?:[一二三四]、|（[一二三四五六七]）|\d+\.)?/)![0];
  const body = label.slice(prefix.length);
  if (body.length < 4) return label;
  const i = rng.int(1, body.length - 2);
  const chars = [...body];
  // The last character stays, so a typo never turns into another row's label ("（六）其他处理" → "（六）其他").
  if (rng.chance(0.6)) chars.splice(i, Math.min(body.length >= 8 && rng.chance(0.3) ? 2 : 1, body.length - 1 - i));
  else if (i + 1 < body.length - 1) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  const typo = chars.join("");
  return OFFICIAL_LABEL_BODIES.has(typo) ? label : prefix + typo;
}

const OFFICIAL_LABEL_BODIES = new Set(
  APPLICATION_ROW_KEYS.flatMap((k) => APPLICATION_ROWS[k].label.split(" ")).map((l) =>
    l.replace(/^(?:[一二三四]、|（[一二三四五六七]）|\d+\.)/, ""),
  ),
);

type Builder = {
  rng: Rng;
  report: GeneratedReport;
  layout: Layout;
  plan: MessPlan;
  cells: Record<string, CellExpectation>;
  deviations: Deviation[];
  valueCells: Map<string, DocCell>;
};

function note(b: Builder, kind: DeviationKind, cells: string[], issue: "required" | "optional", text: string): void {
  b.deviations.push({ kind, cells, issue, note: text });
  for (const path of cells) {
    const cell = b.cells[path];
    if (!cell) continue;
    if (!cell.because.includes(kind)) cell.because.push(kind);
    if (issue === "required") cell.issue = "required";
  }
}

function formatNumber(b: Builder, value: number, kind: ValueKind, path: string | undefined, zero?: ZeroMark): string {
  const { plan } = b;
  if (value === 0 && zero) {
    if (path) {
      if (zero.mark === "") note(b, "zero-blank", [path], "required", "空白单元格按0计");
      else note(b, "zero-mark", [path], "optional", `“${zero.mark}”表示0`);
    }
    return zero.mark;
  }
  let text: string;
  let suffix = "";
  if (kind === "money") {
    const isProcurement = path?.startsWith("active.procurement") ?? false;
    if (plan.money === "yuan-cell") {
      text = formatYuan(value);
      suffix = "元";
      if (path)
        note(b, "money-yuan-cell", [path], value === 0 ? "optional" : "required", "单元格金额以元为单位，应换算为万元");
    } else if (plan.money === "yuan-header") {
      text = formatYuan(value);
      if (path)
        note(b, "money-yuan-header", [path], value === 0 ? "optional" : "required", "表头单位为元，应换算为万元");
    } else {
      text = formatWan(value, isProcurement && plan.procurementFourDecimals ? 4 : undefined);
    }
  } else {
    text = String(Math.abs(value));
  }
  if (plan.thousands && /^\d{4,}/.test(text)) {
    text = groupThousands(text);
    if (path) note(b, "thousands-separator", [path], "optional", "千位分隔符");
  }
  if (value < 0) text = `-${text}`;
  else if (kind === "signed" && value > 0 && plan.plusSign) {
    text = `+${text}`;
    if (path) note(b, "plus-sign", [path], "optional", "带“+”号的增减数");
  }
  if (plan.fullWidth) {
    text = toFullWidth(text);
    if (path) note(b, "full-width-digits", [path], "optional", "全角数字");
  }
  return text + suffix;
}

function zeroMarkFor(b: Builder, table: TableId, column?: string): ZeroMark | undefined {
  const zero = b.plan.zeroMarks[table];
  if (!zero) return undefined;
  if (zero.scope === "orgColumns") {
    return column && column !== "natural" && column !== "total" ? zero : undefined;
  }
  if (zero.scope === "some") return b.rng.chance(0.2) ? zero : undefined;
  return zero;
}

function valueCell(b: Builder, table: TableId, path: string, kind: ValueKind, column: string, colSpan = 1): DocCell {
  const value = b.cells[path]?.value ?? 0;
  const cell: DocCell = {
    text: formatNumber(b, value, kind, path, zeroMarkFor(b, table, column)),
    role: "value",
    path,
    kind,
  };
  if (colSpan > 1) cell.colSpan = colSpan;
  b.valueCells.set(path, cell);
  return cell;
}

/** A printed cell holding a number that is not itself a report cell (a 小计), formatted like its neighbours. */
function derivedCell(b: Builder, table: TableId, value: number, column: string): DocCell {
  return {
    text: formatNumber(b, value, "count", undefined, zeroMarkFor(b, table, column)),
    role: "value",
    kind: "count",
  };
}

function kindOfActiveColumn(column: string): ValueKind {
  return column === "change" ? "signed" : column === "amount" ? "money" : "count";
}

function buildActiveTable(b: Builder): DocTable {
  const rows: DocRow[] = [];
  const width = 4;
  const extraTarget = b.plan.extraSubRow ? b.rng.pick(["licensing", "penalty", "otherServices"] as const) : null;
  for (const section of listActiveSections(b.layout)) {
    rows.push({ cells: [{ text: section.caption, role: "caption", colSpan: width }] });
    const valueColumns = section.header.length - 1;
    const spanOf = (i: number) => (i === valueColumns - 1 ? width - valueColumns : 1);
    const header = section.header.map((text, i): DocCell => {
      let shown = text;
      if (text.startsWith("本年收费金额") || text === "采购总金额") {
        if (b.plan.money === "yuan-header")
          shown = text.startsWith("本年") ? "本年收费金额（单位：元）" : "采购总金额（元）";
        else if (b.plan.money === "wan-variant") {
          shown = text.startsWith("本年")
            ? b.rng.pick(["本年收费金额（万元）", "本年收费金额(单位:万元)", "收费金额（万元）"])
            : b.rng.pick(["采购总金额（万元）", "采购总金额（万元，保留四位小数）"]);
        }
      }
      const cell: DocCell = { text: shown, role: "header" };
      if (i > 0 && spanOf(i - 1) > 1) cell.colSpan = spanOf(i - 1);
      return cell;
    });
    rows.push({ cells: header });
    for (const key of section.rows) {
      const columns = ACTIVE_ROWS[key].columns[b.layout] as readonly string[];
      let label = labelActiveRow(key, b.layout);
      if (key === "otherServices" && extraTarget === "otherServices") {
        label = `${label}\n${b.rng.pick(["涉外学校审批", "公共服务事项", "行政确认"])}`;
        note(b, "extra-sub-row", [`active.${key}`], "optional", "行标题下另列本机关具体事项");
      }
      rows.push({
        cells: [
          { text: label, role: "label" },
          ...columns.map((c, i) => valueCell(b, "active", `active.${key}.${c}`, kindOfActiveColumn(c), c, spanOf(i))),
        ],
      });
      if (key === extraTarget && key !== "otherServices") {
        const parent = b.report.active[key] ?? {};
        rows.push({
          cells: [
            { text: key === "licensing" ? "其中：涉企行政许可" : "其中：简易程序处罚", role: "label" },
            ...columns.map((c, i) => {
              const v = (parent[c] ?? 0) as number;
              const share = c === "change" ? 0 : Math.floor(v * b.rng.next());
              return { ...derivedCell(b, "active", share, c), ...(spanOf(i) > 1 ? { colSpan: spanOf(i) } : {}) };
            }),
          ],
        });
        note(b, "extra-sub-row", [`active.${key}`], "optional", "“其中”子行不属于任何标准行");
      }
    }
  }
  return { id: "active", columnCount: width, rows };
}

const ORG_COLUMNS: ApplicantColumn[] = APPLICANT_COLUMNS.filter((c) => c !== "natural" && c !== "total");

function buildApplicationsTable(b: Builder): DocTable {
  const subtotalColumn = b.plan.orgSubtotalColumn;
  const valueColumns: (ApplicantColumn | "orgSubtotal")[] = subtotalColumn
    ? ["natural", ...ORG_COLUMNS, "orgSubtotal", "total"]
    : [...APPLICANT_COLUMNS];
  const n = valueColumns.length;
  const idx = (c: ApplicantColumn | "orgSubtotal") => valueColumns.indexOf(c);
  const equations: RowEquation[] = [
    { target: idx("total"), parts: (["natural", ...ORG_COLUMNS] as ApplicantColumn[]).map((c) => idx(c)) },
    ...(subtotalColumn ? [{ target: idx("orgSubtotal"), parts: ORG_COLUMNS.map((c) => idx(c)) }] : []),
  ];
  const orgLabel = (c: ApplicantColumn) => (c === "nonprofit" ? "社会公益组织" : APPLICANT_COLUMN_LABELS[c]);
  const rows: DocRow[] = [
    {
      cells: [
        { text: APPLICATIONS_NOTE, role: "note", colSpan: 3, rowSpan: 3 },
        { text: APPLICANT_GROUP_LABEL, role: "header", colSpan: n },
      ],
    },
    {
      cells: [
        { text: APPLICANT_COLUMN_LABELS.natural, role: "header", rowSpan: 2 },
        { text: ORG_GROUP_LABEL, role: "header", colSpan: n - 2 },
        { text: APPLICANT_COLUMN_LABELS.total, role: "header", rowSpan: 2 },
      ],
    },
    {
      cells: [
        ...ORG_COLUMNS.map((c): DocCell => ({ text: orgLabel(c), role: "header" })),
        ...(subtotalColumn ? [{ text: "小计", role: "header" } as DocCell] : []),
      ],
    },
  ];
  if (subtotalColumn) note(b, "org-subtotal-column", [], "optional", "增设“法人或其他组织小计”列");

  const valuesOf = (key: ApplicationRowKey): DocCell[] =>
    valueColumns.map((c) => {
      if (c === "orgSubtotal") {
        const sum = ORG_COLUMNS.reduce((s, o) => s + (b.cells[`applications.${key}.${o}`]?.value ?? 0), 0);
        return derivedCell(b, "applications", sum, "orgSubtotal");
      }
      return valueCell(b, "applications", `applications.${key}.${c}`, "count", c);
    });
  const subtotalOf = (keys: ApplicationRowKey[]): DocCell[] =>
    valueColumns.map((c) => {
      const cols = c === "orgSubtotal" ? ORG_COLUMNS : [c];
      const sum = keys.reduce(
        (s, k) => s + cols.reduce((t, col) => t + (b.cells[`applications.${k}.${col}`]?.value ?? 0), 0),
        0,
      );
      return derivedCell(b, "applications", sum, c);
    });

  const layoutRows = listApplicationRows(b.layout, { singleOtherRow: b.plan.singleOtherRow });
  const outcomeRows = layoutRows.filter((r) => r.kind !== "top");
  const withSubtotal = (r: ApplicationRowLayout) => b.plan.subtotalRows && r.kind === "group" && r.items.length > 1;
  const outcomePrinted = outcomeRows.reduce(
    (s, r) => s + (r.kind === "group" ? r.items.length + (withSubtotal(r) ? 1 : 0) : 1),
    0,
  );
  if (b.plan.subtotalRows) note(b, "subtotal-rows", [], "optional", "（三）至（六）各加“小计”行");
  let outcomesOpened = false;
  for (const r of layoutRows) {
    const lead: DocCell[] = [];
    if (r.kind !== "top" && !outcomesOpened) {
      lead.push({ text: OUTCOMES_GROUP_LABEL, role: "label", rowSpan: outcomePrinted });
      outcomesOpened = true;
    }
    if (r.kind === "top") {
      rows.push({ cells: [{ text: r.label, role: "label", colSpan: 3 }, ...valuesOf(r.key)], equations });
    } else if (r.kind === "single") {
      rows.push({ cells: [...lead, { text: r.label, role: "label", colSpan: 2 }, ...valuesOf(r.key)], equations });
    } else {
      const span = r.items.length + (withSubtotal(r) ? 1 : 0);
      r.items.forEach((item, i) => {
        const group: DocCell[] = i === 0 ? [{ text: r.label, role: "label", rowSpan: span }] : [];
        rows.push({
          cells: [...(i === 0 ? lead : []), ...group, { text: item.label, role: "label" }, ...valuesOf(item.key)],
          equations,
        });
      });
      if (withSubtotal(r)) {
        rows.push({
          cells: [{ text: "小计", role: "label" }, ...subtotalOf(r.items.map((item) => item.key))],
          equations,
        });
      }
    }
  }
  return { id: "applications", columnCount: 3 + n, rows };
}

function buildReviewTable(b: Builder): DocTable {
  const headers = REVIEW_COLUMNS.map((c): DocCell => ({ text: REVIEW_COLUMN_LABELS[c], role: "header" }));
  const values: DocCell[] = [];
  const equations: RowEquation[] = [];
  REVIEW_BLOCK_KEYS.forEach((block, i) => {
    for (const c of REVIEW_COLUMNS) values.push(valueCell(b, "review", `${block}.${c}`, "count", c));
    equations.push({ target: i * 5 + 4, parts: [0, 1, 2, 3].map((j) => i * 5 + j) });
  });
  return {
    id: "review",
    columnCount: 15,
    rows: [
      {
        cells: [
          { text: REVIEW_GROUP_LABEL, role: "header", colSpan: 5 },
          { text: LITIGATION_GROUP_LABEL, role: "header", colSpan: 10 },
        ],
      },
      {
        cells: [
          ...headers.map((h) => ({ ...h, rowSpan: 2 })),
          { text: LITIGATION_SUB_LABELS.litigationDirect, role: "header", colSpan: 5 },
          { text: LITIGATION_SUB_LABELS.litigationAfterReview, role: "header", colSpan: 5 },
        ],
      },
      { cells: [...headers, ...headers].map((h) => ({ ...h })) },
      { cells: values, equations },
    ],
  };
}

/** Every cell of both layouts: the report's own as present, the rest absent. */
function expectCells(report: GeneratedReport): Record<string, CellExpectation> {
  const cells: Record<string, CellExpectation> = {};
  const absent = (): CellExpectation => ({
    value: null,
    present: false,
    issue: "optional",
    unresolvedOk: false,
    because: [],
  });
  for (const layout of LAYOUTS) {
    for (const key of ACTIVE_ROW_KEYS) {
      for (const c of ACTIVE_ROWS[key].columns[layout] as readonly string[]) cells[`active.${key}.${c}`] = absent();
    }
    for (const key of APPLICATION_ROW_KEYS) {
      if (!(APPLICATION_ROWS[key].layouts as readonly Layout[]).includes(layout)) continue;
      for (const c of APPLICANT_COLUMNS) cells[`applications.${key}.${c}`] = absent();
    }
  }
  for (const [path, value] of listCells(report)) {
    cells[path] = { value, present: true, issue: "optional", unresolvedOk: false, because: [] };
  }
  return cells;
}

/** The 2021 report printed with the single 2019-style （六）其他处理 row: that row carries the three rows' sum. */
function foldOtherRows(b: Builder): void {
  const parts: ApplicationRowKey[] = ["otherNoCorrection", "otherUnpaidFee", "otherOther"];
  for (const c of APPLICANT_COLUMNS) {
    const sum = parts.reduce((s, k) => s + (b.cells[`applications.${k}.${c}`]?.value ?? 0), 0);
    // A printed 0 determines the three 2021 rows (0 each), so a parser may map the row onto them instead.
    b.cells[`applications.otherHandling.${c}`] = {
      value: sum,
      present: true,
      issue: "optional",
      unresolvedOk: false,
      because: ["single-other-row"],
      ...(sum === 0 ? { absentOk: true } : {}),
    };
    for (const k of parts) {
      b.cells[`applications.${k}.${c}`] = {
        value: null,
        present: false,
        issue: "optional",
        unresolvedOk: false,
        because: ["single-other-row"],
        ...(sum === 0 ? { impliedValue: 0 } : {}),
      };
    }
  }
  note(
    b,
    "single-other-row",
    APPLICANT_COLUMNS.map((c) => `applications.otherHandling.${c}`),
    "optional",
    "2021年格式却只有一行（六）其他处理",
  );
}

function tableHasBlank(table: DocTable): boolean {
  return table.rows.some((r) => r.cells.some((c) => c.role === "value" && c.text === ""));
}

function injectTotalDeviation(b: Builder, tables: DocTable[]): void {
  const [, applications, review] = tables as [DocTable, DocTable, DocTable];
  if (b.plan.misprintedTotal) {
    const candidates = [
      ...(tableHasBlank(applications) ? [] : APPLICATION_ROW_KEYS.map((k) => `applications.${k}.total`)),
      ...(tableHasBlank(review) ? [] : REVIEW_BLOCK_KEYS.map((k) => `${k}.total`)),
    ].filter((p) => b.valueCells.has(p) && b.cells[p]?.present);
    if (candidates.length === 0) return;
    const path = b.rng.pick(candidates);
    const truth = b.cells[path]!.value ?? 0;
    const printed =
      truth === 0 || b.rng.chance(0.5) ? truth + b.rng.int(1, 3) : truth - b.rng.int(1, Math.min(3, truth));
    b.cells[path]!.value = printed;
    b.valueCells.get(path)!.text = formatNumber(b, printed, "count", undefined, undefined);
    note(b, "misprinted-total", [path], "required", `总计印为${printed}，与各项之和${truth}不符`);
  } else if (b.plan.blankImpliedTotal) {
    const candidates = APPLICATION_ROW_KEYS.map((k) => `applications.${k}.total`).filter((p) => {
      const cell = b.valueCells.get(p);
      return cell && cell.text !== "" && (b.cells[p]?.value ?? 0) > 0;
    });
    if (candidates.length === 0) return;
    const path = b.rng.pick(candidates);
    b.valueCells.get(path)!.text = "";
    note(b, "blank-implied-total", [path], "required", "总计空白，由各项之和推出");
  }
}

function injectLabelTypo(b: Builder, tables: DocTable[]): void {
  const labels = tables.flatMap((t) =>
    t.rows.flatMap((r) =>
      r.cells
        .filter((c) => c.role === "label" && c.text.length >= 6 && !c.text.includes("\n"))
        .map((c) => ({ cell: c, paths: r.cells.filter((x) => x.path).map((x) => x.path!) })),
    ),
  );
  if (labels.length === 0) return;
  const { cell, paths } = b.rng.pick(labels);
  const typo = misspell(b.rng, cell.text);
  if (typo === cell.text) return;
  note(b, "label-typo", paths, "optional", `标签“${cell.text}”印为“${typo}”`);
  cell.text = typo;
}

function toHalfWidth(text: string): string {
  return text.replace(/[（），：；]/g, (ch) => HALF_WIDTH[ch]!);
}

export type BuildOptions = { messiness: number; capabilities: ShapeCapabilities };

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
  if (plan.halfWidthPunctuation) {
    for (const t of tables)
      for (const r of t.rows) for (const c of r.cells) if (c.role !== "value") c.text = toHalfWidth(c.text);
    note(b, "half-width-punctuation", [], "optional", "表格标签用半角括号");
  }
  if (plan.narrativeMismatch) note(b, "narrative-mismatch", [], "optional", "正文复述的申请数与表格不符");

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
    note(b, "sections-out-of-order", [], "optional", "第三、四部分顺序颠倒");
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

/** Records a deviation a renderer added on its own (wrapped or cut labels, ambiguous splits). */
export function addDeviation(
  expected: ExpectedParse,
  kind: DeviationKind,
  cells: string[],
  issue: "required" | "optional",
  text: string,
): void {
  expected.deviations.push({ kind, cells, issue, note: text });
  for (const path of cells) {
    const cell = expected.cells[path];
    if (!cell) continue;
    if (!cell.because.includes(kind)) cell.because.push(kind);
    if (issue === "required") cell.issue = "required";
  }
}
