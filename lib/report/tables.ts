import type { Item, Span } from "./document";
import type { TimeBudget } from "./errors";
import type { IssueList } from "./issues";
import { normaliseLabel, type RankCandidate, rankLabel } from "./labels";
import { isBlankMarker, parseCell, toWanYuan } from "./numbers";
import {
  ACTIVE_ROWS,
  type ActiveRowKey,
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  type ApplicantColumn,
  type ApplicationRowKey,
  type Layout,
  REVIEW_BLOCK_KEYS,
  REVIEW_COLUMNS,
  type ReviewBlockKey,
  type ReviewColumn,
} from "./schema";
import { type ColumnSpec, enumerateSplits } from "./split";

/** A table row as read: its label (own cells, or the text since the previous row) and its value cells. */
export type RowRecord = {
  label: string;
  context: string;
  cells: string[];
  grid: boolean;
  item: number;
  /** Horizontal centre of each cell on the page (PDF), to place a row with empty cells under its columns. */
  xs?: number[];
  /** Positioned words of the text since the previous row (PDF): the column headers above this row. */
  spans?: Span[];
  blank?: boolean;
};

type Region = { start: number; end: number };
export type TableRegions = { active: Region | null; applications: Region | null; review: Region | null };

export type Cells = Record<string, number | null>;
export type TablesResult = {
  layout: Layout | null;
  layoutEvidence: "labels" | "none";
  active: Partial<Record<ActiveRowKey, Cells>>;
  applications: Partial<Record<ApplicationRowKey, Cells>>;
  review: Partial<Record<ReviewBlockKey, Cells>>;
  regions: TableRegions;
};

function itemText(it: Item): string {
  return it.kind === "text" ? it.text : `${it.labels.join(" ")} ${it.cells.join(" ")}`;
}

export function buildRecords(items: Item[]): RowRecord[] {
  const records: RowRecord[] = [];
  let pending = "";
  let spans: Span[] = [];
  items.forEach((it, i) => {
    if (it.kind === "text") {
      pending = pending ? `${pending} ${it.text}` : it.text;
      if (pending.length > 4000) pending = pending.slice(-2000);
      if (it.spans) spans.push(...it.spans);
      return;
    }
    const own = it.labels.join(" ");
    records.push({
      label: own || pending,
      context: pending,
      cells: it.cells,
      grid: it.grid,
      item: i,
      xs: it.xs,
      spans,
      blank: it.blank,
    });
    spans = [];
    // A row of empty cells is usually a header row: its words are context for the next row.
    pending = own && it.cells.every((c) => c.trim() === "") ? own : "";
  });
  return records;
}

// ---------------------------------------------------------------- label candidates

const ACTIVE_CANDIDATES: RankCandidate<ActiveRowKey>[] = [
  { key: "rules", canonical: ["规章"] },
  { key: "normativeDocs", canonical: ["行政规范性文件", "规范性文件"] },
  { key: "licensing", canonical: ["行政许可"] },
  { key: "otherServices", canonical: ["其他对外管理服务事项"] },
  { key: "penalty", canonical: ["行政处罚"] },
  { key: "coercion", canonical: ["行政强制"] },
  { key: "fees", canonical: ["行政事业性收费"] },
  { key: "procurement", canonical: ["政府集中采购"] },
];

type BKey = ApplicationRowKey | "_subtotal";
const GROUP_LABELS = ["不予公开", "无法提供", "不予处理", "本年度办理结果", "小计", "合计"];
const APPLICATION_CANDIDATES: RankCandidate<BKey>[] = [
  ...(Object.keys(APPLICATION_ROWS) as ApplicationRowKey[]).map((key) => {
    const label = APPLICATION_ROWS[key].label;
    const specific = normaliseLabel(label.split(" ").pop() ?? label);
    return { key, canonical: [specific, normaliseLabel(label)] };
  }),
  { key: "_subtotal", canonical: GROUP_LABELS },
];
const B_ORDER = Object.keys(APPLICATION_ROWS) as ApplicationRowKey[];

// ---------------------------------------------------------------- regions

const MARKS = {
  active: [/第二十条|信息内容|本年制发件数|本年新制作数量|上一年项目数量|本年处理决定数量/, /主动公开政府信息情况/],
  applications: [/申请人情况|勾稽关系|本年新收政府信息公开申请数量|本年度办理结果/, /收到和处理政府信息公开申请/],
  review: [/结果维持|结果纠正|未经复议直接起诉|复议后起诉|尚未审结/, /行政复议.{0,3}行政诉讼/],
} as const;
const END_MARK = /存在的主要问题|主要问题及改进|其他需要报告的事项|^[五六][、.．]/;

function firstVerified(
  items: Item[],
  records: RowRecord[],
  marks: readonly RegExp[],
  verify: (r: RowRecord) => boolean,
  after: number,
  window: number,
): number {
  for (const mark of marks) {
    for (let i = after; i < items.length; i++) {
      if (!mark.test(itemText(items[i]).replace(/\s+/g, ""))) continue;
      const ok = window === 0 || records.some((r) => r.item >= i && r.item <= i + window && verify(r));
      if (ok) return i;
    }
  }
  return -1;
}

export function locateTables(items: Item[], records: RowRecord[]): TableRegions {
  const isA = (r: RowRecord) => rankLabel(r.label, ACTIVE_CANDIDATES, 0.75).length > 0;
  const isB = (r: RowRecord) => rankLabel(r.label, APPLICATION_CANDIDATES, 0.75).some((c) => c.key !== "_subtotal");
  const isC = (r: RowRecord) => r.cells.length > 0;
  const a = firstVerified(items, records, MARKS.active, isA, 0, 30);
  let b = firstVerified(items, records, MARKS.applications, isB, Math.max(0, a), 40);
  if (b < 0 && a >= 0) b = firstVerified(items, records, MARKS.applications, isB, 0, 40);
  let c = firstVerified(items, records, MARKS.review, isC, Math.max(0, b, a), 40);
  // Before the other tables only the header words count: the narrative often says "行政复议和行政诉讼".
  if (c < 0) c = firstVerified(items, records, MARKS.review.slice(0, 1), isC, 0, 40);
  // Header words with no value row after them: a table C printed with every cell empty.
  if (c < 0) c = firstVerified(items, records, MARKS.review.slice(0, 1), () => true, Math.max(0, b, a), 0);
  const starts = [a, b, c].filter((s) => s >= 0);
  const endOf = (s: number): Region | null => {
    if (s < 0) return null;
    let end = items.length;
    for (const other of starts) if (other > s && other < end) end = other;
    for (let i = s + 1; i < end; i++) {
      const it = items[i];
      if (it.kind === "text" && END_MARK.test(it.text.replace(/\s+/g, ""))) {
        end = i;
        break;
      }
    }
    return { start: s, end };
  };
  return { active: endOf(a), applications: endOf(b), review: endOf(c) };
}

function inRegion(records: RowRecord[], region: Region | null): RowRecord[] {
  if (!region) return [];
  return records.filter((r) => r.item >= region.start && r.item < region.end);
}

// ---------------------------------------------------------------- cells

/** "其中：…" rows break a standard row down further; they are not rows of the official layout. */
function isSubItem(label: string): boolean {
  return /(^|\s)其中[:：]?[^\s]*$/.test(label.trim());
}

/** A row whose cells are all empty is a header or spacer unless it has at least one cell per column. */
function isHollow(rec: RowRecord, k: number): boolean {
  return !rec.blank && rec.cells.every((c) => c.trim() === "") && rec.cells.length < k;
}

type Resolved =
  | { status: "ok"; raws: (string | null)[]; note?: "extra" | "missing" | "pair" }
  | { status: "ambiguous"; candidates: string[][] };

const PLAIN_NUMBER = /^[+-]?(0|[1-9]\d*)(\.\d+)?(万元|元|件|个|项|条|次|家|宗|起|份|笔)?$/;

/** Turns a record's cells into exactly k printed cells, splitting run-together digits when needed. */
function resolveCells(
  rec: RowRecord,
  specs: ColumnSpec[],
  accept: (raws: string[]) => boolean,
  budget: TimeBudget,
  align: "left" | "right" = "right",
  template?: number[],
  pairRow = false,
): Resolved {
  const k = specs.length;
  if (rec.blank) return { status: "ok", raws: Array(k).fill("") };
  let cells = rec.cells.map((c) => c.trim());
  if (rec.grid) {
    if (cells.length === k) return { status: "ok", raws: cells };
    if (cells.length > k) {
      // Spacer cells (merged label columns, colspans rendered as empty cells): the window of k cells holding
      // the most printed values; on a tie, the side the table's labels push values to.
      let best = 0;
      let bestCount = -1;
      for (let start = 0; start + k <= cells.length; start++) {
        const count = cells.slice(start, start + k).filter((c) => c !== "").length;
        if (count > bestCount || (count === bestCount && align === "right")) {
          best = start;
          bestCount = count;
        }
      }
      const kept = cells.slice(best, best + k);
      const dropped = [...cells.slice(0, best), ...cells.slice(best + k)];
      return { status: "ok", raws: kept, note: dropped.some((c) => c !== "") ? "extra" : undefined };
    }
    return { status: "ok", raws: [...cells, ...Array(k - cells.length).fill(null)], note: "missing" };
  }
  while (cells.length > k && cells[cells.length - 1] === "") cells = cells.slice(0, -1);
  const placed = template && cells.length < k ? placeByPosition(cells, rec.xs, template) : null;
  if (placed) return { status: "ok", raws: placed };
  if (cells.length === k && cells.every((c) => PLAIN_NUMBER.test(c) || isBlankMarker(c))) {
    return { status: "ok", raws: cells };
  }
  const positioned = rec.xs !== undefined && rec.xs.some((x) => Number.isFinite(x));
  if (positioned && cells.length <= k) {
    // Page text keeps each printed number whole: fewer numbers than columns means empty cells, not glued digits.
    return {
      status: "ok",
      raws: [...cells, ...Array(k - cells.length).fill(null)],
      note: cells.length < k ? "missing" : undefined,
    };
  }
  const tokens = cells.map((c) => c.replace(/,/g, ""));
  let split = enumerateSplits(tokens, k, specs, accept, budget);
  if (split.candidates.length === 0) split = enumerateSplits(tokens, k, specs, () => true, budget);
  if (split.candidates.length === 1) return { status: "ok", raws: split.candidates[0] };
  if (split.candidates.length > 1) return { status: "ambiguous", candidates: split.candidates };
  if (cells.length > k) return { status: "ok", raws: cells.slice(0, k), note: "extra" };
  if (pairRow && k >= 7 && cells.length === 2 && cells[0] === cells[1] && PLAIN_NUMBER.test(cells[0])) {
    // Flattened pages drop empty cells: "26 26" is 自然人 = 总计 with the organisation columns left blank.
    return { status: "ok", raws: [cells[0], ...Array(k - 2).fill(""), cells[1]], note: "pair" };
  }
  return { status: "ok", raws: [...cells, ...Array(k - cells.length).fill(null)], note: "missing" };
}

const COLUMN_GAP = 8;

/** Column centres: the positions of all rows' values clustered, if that gives k columns; else full rows' medians. */
function columnTemplate(records: RowRecord[], k: number): number[] | undefined {
  const xs = records
    .flatMap((r) => r.xs ?? [])
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const clusters: number[][] = [[xs[0]]];
  for (let i = 1; i < xs.length; i++) {
    if (xs[i] - xs[i - 1] > COLUMN_GAP) clusters.push([]);
    clusters[clusters.length - 1].push(xs[i]);
  }
  if (clusters.length === k) return clusters.map((c) => c[Math.floor(c.length / 2)]);
  const full = records.filter((r) => r.cells.length === k && r.xs && r.xs.every((x) => Number.isFinite(x)));
  if (full.length === 0) return undefined;
  return Array.from({ length: k }, (_, j) => {
    const col = full.map((r) => (r.xs as number[])[j]).sort((a, b) => a - b);
    return col[Math.floor(col.length / 2)];
  });
}

/** Column centres from the positioned header words above the table's rows (PDF), when they give k columns. */
function headerTemplate(records: RowRecord[], k: number, words: RegExp): number[] | undefined {
  return spansTemplate(
    records.slice(0, 3).flatMap((r) => r.spans ?? []),
    k,
    words,
  );
}

function spansTemplate(spans: Span[], k: number, words: RegExp): number[] | undefined {
  const xs = spans
    .filter((sp) => words.test(sp.s))
    .map((sp) => sp.x)
    .sort((a, b) => a - b);
  if (xs.length < k) return undefined;
  const clusters: number[][] = [[xs[0]]];
  for (let i = 1; i < xs.length; i++) {
    if (xs[i] - xs[i - 1] > COLUMN_GAP) clusters.push([]);
    clusters[clusters.length - 1].push(xs[i]);
  }
  return clusters.length === k ? clusters.map((c) => (c[0] + c[c.length - 1]) / 2) : undefined;
}

// Header words as printed, often cut by wrapping ("结果维" / "持"): any run of the columns' own characters.
const B_HEADER_WORDS = /^(?!法人$)[自然人商业企科研机构社会公益组织法律服务其他小总计]+$/;
const C_HEADER_WORDS = /^[结果维持纠正其他尚未审总计]+$/;
const A_HEADER_WORDS = /^[本年制发件数废止现行有效新作公开对外总量上一项目增减处理决定采购金额/（）()单位:：万元]+$/;

/** Puts each printed value under the nearest column; unmatched columns are empty cells. */
function placeByPosition(cells: string[], xs: number[] | undefined, template: number[]): string[] | null {
  if (!xs || xs.length !== cells.length || !xs.every((x) => Number.isFinite(x))) return null;
  let gap = Number.POSITIVE_INFINITY;
  for (let j = 1; j < template.length; j++) gap = Math.min(gap, Math.abs(template[j] - template[j - 1]));
  const out: string[] = template.map(() => "");
  let last = -1;
  for (let i = 0; i < cells.length; i++) {
    let best = -1;
    let dist = Number.POSITIVE_INFINITY;
    template.forEach((t, j) => {
      const d = Math.abs(t - xs[i]);
      if (d < dist) {
        dist = d;
        best = j;
      }
    });
    if (best <= last || dist > gap / 2) return null;
    out[best] = cells[i];
    last = best;
  }
  return out;
}

function toNumbers(raws: string[]): number[] {
  return raws.map((r) => {
    const c = parseCell(r);
    return c.kind === "number" ? c.value : 0;
  });
}

type CellSink = { blank: string[]; unreadable: string[]; implied: string[]; converted: string[] };

function readCell(raw: string | null, path: string, sink: CellSink): number | null | undefined {
  if (raw === null) return undefined;
  const c = parseCell(raw);
  if (c.kind === "number") return c.value;
  if (c.kind === "blank") {
    sink.blank.push(path);
    return 0;
  }
  sink.unreadable.push(path);
  return null;
}

// ---------------------------------------------------------------- table A

const LAYOUT_2019 =
  /本年新制作|本年新公开|对外公开总数|上一年项目数|增\s*\/\s*减|其他对外管理服务|政府集中采购|采购总金额|采购项目数/g;
const LAYOUT_2021 = /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额/g;

function detectLayout(text: string): Layout | null {
  const n19 = text.match(LAYOUT_2019)?.length ?? 0;
  const n21 = text.match(LAYOUT_2021)?.length ?? 0;
  if (n19 === n21) return null;
  return n19 > n21 ? "2019" : "2021";
}

function moneyUnit(rec: RowRecord, raw: string | null): "元" | "万元" {
  const cell = raw ?? "";
  if (/万元/.test(cell)) return "万元";
  if (/元/.test(cell)) return "元";
  const header = `${rec.context} ${rec.label}`.replace(/\s+/g, "");
  if (/万元/.test(header)) return "万元";
  if (/[（(]元|单位[:：]?元|金额元/.test(header)) return "元";
  return "万元";
}

function readActive(
  records: RowRecord[],
  layout: Layout,
  issues: IssueList,
  budget: TimeBudget,
  sink: CellSink,
): Partial<Record<ActiveRowKey, Cells>> {
  const out: Partial<Record<ActiveRowKey, Cells>> = {};
  const keyOf = new Map<RowRecord, ActiveRowKey>();
  for (const rec of records) {
    const ranked = isSubItem(rec.label) ? [] : rankLabel(rec.label, ACTIVE_CANDIDATES, 0.6);
    if (ranked.length > 0) keyOf.set(rec, ranked[0].key);
  }
  const widthOf = (rec: RowRecord) => {
    const key = keyOf.get(rec);
    return key ? ACTIVE_ROWS[key].columns[layout].length : -1;
  };
  let headerSpans: Span[] = [];
  for (const rec of records) {
    if ((rec.spans ?? []).filter((sp) => A_HEADER_WORDS.test(sp.s)).length >= 1) headerSpans = rec.spans ?? [];
    const key = keyOf.get(rec);
    if (!key) continue;
    if (isHollow(rec, Math.max(1, ACTIVE_ROWS[key].columns[layout].length))) continue;
    if (out[key]) {
      issues.add("DUPLICATE_ROW", "info", `表二“${ACTIVE_ROWS[key].label}”行重复出现，取第一次出现的数值`, [
        `active.${key}`,
      ]);
      continue;
    }
    const other: Layout = layout === "2019" ? "2021" : "2019";
    let columns: readonly string[] = ACTIVE_ROWS[key].columns[layout];
    const otherColumns: readonly string[] = ACTIVE_ROWS[key].columns[other];
    const printed = rec.grid ? rec.cells.filter((c, i) => c !== "" || i < columns.length).length : rec.cells.length;
    const countable = rec.grid || rec.cells.length > 1 || otherColumns.length > 1;
    const fitsOther = countable && printed === otherColumns.length && printed !== columns.length;
    if (columns.length === 0 || (fitsOther && otherColumns.length > 0)) {
      if (otherColumns.length === 0) continue;
      columns = otherColumns;
      issues.add("LAYOUT_MIXED", "info", `表二“${ACTIVE_ROWS[key].label}”行按${other}年版格式读取`, [`active.${key}`]);
    }
    const specs: ColumnSpec[] = columns.map((c) => ({ decimal: c === "amount", signed: c === "change" }));
    const peers = records.filter((r) => widthOf(r) === specs.length);
    const template =
      columnTemplate(peers, specs.length) ??
      (rec.xs ? spansTemplate(headerSpans, specs.length, A_HEADER_WORDS) : undefined);
    const res = resolveCells(rec, specs, () => true, budget, "left", template);
    const row: Cells = {};
    const paths = columns.map((c) => `active.${key}.${c}`);
    if (res.status === "ambiguous") {
      for (const c of columns) row[c] = null;
      issues.add(
        "AMBIGUOUS_SPLIT",
        "error",
        `表二“${ACTIVE_ROWS[key].label}”行的数字连在一起（${rec.cells.join(" ")}），有多种拆分方式，无法确定各单元格的值`,
        paths,
        { printed: rec.cells.join(" "), columns, candidates: res.candidates.slice(0, 50).map(toNumbers) },
      );
      out[key] = row;
      continue;
    }
    if (res.note === "missing") {
      issues.add(
        "MISSING_COLUMN",
        "warning",
        `表二“${ACTIVE_ROWS[key].label}”行的数值少于列数，无法确定各数值所在的列，已按从左到右读取`,
        paths,
      );
    } else if (res.note === "extra") {
      issues.add("EXTRA_VALUES", "warning", `表二“${ACTIVE_ROWS[key].label}”行的数值多于表头列数，已按列序读取`, paths);
    }
    columns.forEach((c, i) => {
      const raw = res.raws[i];
      let v = readCell(raw, paths[i], sink);
      if (c === "amount" && typeof v === "number") {
        const unit = moneyUnit(rec, raw);
        if (unit === "元") {
          const converted = toWanYuan(v, "元");
          if (converted !== v) sink.converted.push(`${paths[i]}：${v}元→${converted}万元`);
          v = converted;
        }
      }
      if (v !== undefined) row[c] = v;
    });
    out[key] = row;
  }
  return out;
}

// ---------------------------------------------------------------- table B

type BRow = { key: ApplicationRowKey; rec: RowRecord; res: Resolved };

function applicantSpecs(withSubtotal: boolean): { columns: (ApplicantColumn | "_subtotal")[]; specs: ColumnSpec[] } {
  const columns: (ApplicantColumn | "_subtotal")[] = withSubtotal
    ? ["natural", "commercial", "research", "nonprofit", "legal", "otherOrg", "_subtotal", "total"]
    : [...APPLICANT_COLUMNS];
  return { columns, specs: columns.map(() => ({})) };
}

function rowAccept(columns: (ApplicantColumn | "_subtotal")[]): (raws: string[]) => boolean {
  return (raws) => {
    const v = toNumbers(raws);
    const get = (c: string) => v[columns.indexOf(c as ApplicantColumn)];
    const orgs = get("commercial") + get("research") + get("nonprofit") + get("legal") + get("otherOrg");
    if (columns.includes("_subtotal") && get("_subtotal") !== orgs) return false;
    return get("total") === get("natural") + orgs;
  };
}

const MAX_JOINT = 200_000;

/**
 * Keeps only candidate splits consistent with the column identities (一+二 = 三(七)+四; (七) = Σ outcomes),
 * searching the ambiguous rows jointly; a row is resolved when one candidate alone survives.
 */
function resolveAcrossRows(
  rows: Map<ApplicationRowKey, BRow>,
  columns: (ApplicantColumn | "_subtotal")[],
  budget: TimeBudget,
): void {
  const ambiguous = [...rows.values()].filter((r) => r.res.status === "ambiguous");
  if (ambiguous.length === 0) return;
  const known = new Map<ApplicationRowKey, number[] | null>();
  for (const [key, r] of rows) {
    known.set(
      key,
      r.res.status === "ok" && !r.res.raws.some((x) => x === null) ? toNumbers(r.res.raws as string[]) : null,
    );
  }
  const outcomes = B_ORDER.filter((k) => !["received", "carriedOver", "processedTotal", "carriedForward"].includes(k));
  const hasSub = ["otherNoCorrection", "otherUnpaidFee", "otherOther"].some((k) => rows.has(k as ApplicationRowKey));
  const outcomeKeys = outcomes.filter((k) => rows.has(k) && !(hasSub && k === "otherHandling"));
  const identities = [
    {
      left: ["received", "carriedOver"] as ApplicationRowKey[],
      right: ["processedTotal", "carriedForward"] as ApplicationRowKey[],
    },
    { left: ["processedTotal"] as ApplicationRowKey[], right: outcomeKeys },
  ].filter((id) => [...id.left, ...id.right].every((k) => rows.has(k)));
  const involved = ambiguous.filter((r) => identities.some((id) => [...id.left, ...id.right].includes(r.key)));
  const space = involved.reduce((p, r) => p * (r.res.status === "ambiguous" ? r.res.candidates.length : 1), 1);
  if (involved.length === 0 || space > MAX_JOINT) return;
  const choice = new Map<ApplicationRowKey, number[]>();
  const surviving = involved.map(() => new Set<number>());
  const holds = (): boolean => {
    for (const id of identities) {
      const all = [...id.left, ...id.right];
      const vals = all.map((k) => choice.get(k) ?? known.get(k) ?? null);
      if (vals.some((v) => v === null)) continue;
      for (let c = 0; c < columns.length; c++) {
        let l = 0;
        let r = 0;
        all.forEach((k, i) => {
          const v = (vals[i] as number[])[c];
          if (id.left.includes(k)) l += v;
          else r += v;
        });
        if (l !== r) return false;
      }
    }
    return true;
  };
  const picked: number[] = [];
  const walk = (i: number): void => {
    budget.check();
    if (i === involved.length) {
      if (holds()) {
        picked.forEach((ci, ri) => {
          surviving[ri].add(ci);
        });
      }
      return;
    }
    const r = involved[i];
    if (r.res.status !== "ambiguous") return;
    r.res.candidates.forEach((cand, ci) => {
      choice.set(r.key, toNumbers(cand));
      picked[i] = ci;
      walk(i + 1);
    });
    choice.delete(r.key);
  };
  walk(0);
  involved.forEach((r, i) => {
    if (r.res.status !== "ambiguous" || surviving[i].size === 0) return;
    const kept = r.res.candidates.filter((_, ci) => surviving[i].has(ci));
    r.res = kept.length === 1 ? { status: "ok", raws: kept[0] } : { status: "ambiguous", candidates: kept };
  });
}

const SUB_ROWS_2021: BKey[] = ["otherNoCorrection", "otherUnpaidFee", "otherOther"];
// One array per layout: rankLabel memoises per candidate list identity.
const APPLICATION_CANDIDATES_2019 = APPLICATION_CANDIDATES.filter((c) => !SUB_ROWS_2021.includes(c.key));

/** Eight cells where the seventh sums the five organisation columns and the eighth is 自然人 + that subtotal. */
function hasSubtotalCells(r: RowRecord): boolean {
  if (r.cells.length !== 8) return false;
  if (r.grid) return r.cells[7].trim() !== "";
  const v = r.cells.map((c) => parseCell(c));
  if (v.some((c) => c.kind === "unreadable")) return false;
  const n = v.map((c) => (c.kind === "number" ? c.value : 0));
  return n[6] === n[1] + n[2] + n[3] + n[4] + n[5] && n[7] === n[0] + n[6];
}

function readApplications(
  records: RowRecord[],
  layout: Layout | null,
  headerText: string,
  issues: IssueList,
  budget: TimeBudget,
  sink: CellSink,
): Partial<Record<ApplicationRowKey, Cells>> {
  const withSubtotal =
    /小计/.test(headerText) ||
    // An eighth cell that is always empty is a trailing separator (tab-copied tables), not a 小计 column.
    (records.length > 0 && records.filter(hasSubtotalCells).length > records.length / 2) ||
    // Page positions: the rows' numbers stand in eight columns (header words printed one character per line).
    (columnTemplate(records, 7) === undefined &&
      headerTemplate(records, 7, B_HEADER_WORDS) === undefined &&
      (columnTemplate(records, 8) ?? headerTemplate(records, 8, B_HEADER_WORDS)) !== undefined);
  const { columns, specs } = applicantSpecs(withSubtotal);
  const accept = rowAccept(columns);
  const template = columnTemplate(records, columns.length) ?? headerTemplate(records, columns.length, B_HEADER_WORDS);
  const rows = new Map<ApplicationRowKey, BRow>();
  const candidates = layout === "2019" ? APPLICATION_CANDIDATES_2019 : APPLICATION_CANDIDATES;
  const subtotals: { label: string; res: Resolved }[] = [];
  let lastIndex = -1;
  for (const rec of records) {
    if (isHollow(rec, columns.length) || isSubItem(rec.label)) continue;
    const ranked = rankLabel(rec.label, candidates, 0.6);
    if (ranked.length === 0) {
      if (rec.cells.some((c) => /[1-9]/.test(c))) {
        issues.add("EXTRA_ROW", "info", `表三中有无法识别的行“${rec.label.slice(-30)}”，未计入`, [], {
          label: rec.label.slice(-60),
        });
      }
      continue;
    }
    const top = ranked[0];
    const near = ranked.filter((c) => c.score >= top.score - 0.05);
    const pick =
      near.find((c) => c.key !== "_subtotal" && !rows.has(c.key) && B_ORDER.indexOf(c.key) > lastIndex) ??
      near.find((c) => c.key === "_subtotal" || !rows.has(c.key as ApplicationRowKey)) ??
      top;
    const res = resolveCells(rec, specs, accept, budget, "right", template, true);
    if (pick.key === "_subtotal") {
      subtotals.push({ label: rec.label, res });
      continue;
    }
    const key = pick.key;
    if (rows.has(key)) {
      issues.add("DUPLICATE_ROW", "info", `表三“${APPLICATION_ROWS[key].label}”行重复出现，取第一次出现的数值`, [
        `applications.${key}`,
      ]);
      continue;
    }
    rows.set(key, { key, rec, res });
    lastIndex = B_ORDER.indexOf(key);
  }
  // A single （六）其他处理 row followed by the 2021 sub-rows is their subtotal, not the 2019 row.
  const sub = (["otherNoCorrection", "otherUnpaidFee", "otherOther"] as const).filter((k) => rows.has(k));
  const single = rows.get("otherHandling");
  if (single && sub.length > 0) {
    subtotals.push({ label: single.rec.label, res: single.res });
    rows.delete("otherHandling");
  }
  resolveAcrossRows(rows, columns, budget);
  const out: Partial<Record<ApplicationRowKey, Cells>> = {};
  const pairRows: string[] = [];
  for (const key of B_ORDER) {
    const row = rows.get(key);
    if (!row) continue;
    const cells: Cells = {};
    const paths = APPLICANT_COLUMNS.map((c) => `applications.${key}.${c}`);
    const label = APPLICATION_ROWS[key].label;
    if (row.res.status === "ambiguous") {
      for (const c of APPLICANT_COLUMNS) cells[c] = null;
      issues.add(
        "AMBIGUOUS_SPLIT",
        "error",
        `表三“${label}”行的数字连在一起（${row.rec.cells.join(" ")}），有多种拆分方式，无法确定各单元格的值`,
        paths,
        { printed: row.rec.cells.join(" "), columns, candidates: row.res.candidates.slice(0, 50).map(toNumbers) },
      );
      out[key] = cells;
      continue;
    }
    const raws = row.res.raws;
    if (row.res.note === "missing") {
      issues.add(
        "MISSING_COLUMN",
        "warning",
        `表三“${label}”行的数值少于列数，无法确定各数值所在的列，已按从左到右读取`,
        paths,
      );
    } else if (row.res.note === "extra") {
      issues.add("EXTRA_VALUES", "warning", `表三“${label}”行的数值多于表头列数，已按列序读取`, paths);
    } else if (row.res.note === "pair") {
      pairRows.push(...paths);
    }
    const totalIdx = columns.indexOf("total");
    const totalRaw = raws[totalIdx];
    const partsIdx = columns.map((c, i) => (c === "total" || c === "_subtotal" ? -1 : i)).filter((i) => i >= 0);
    const totalBlank = totalRaw !== null && parseCell(totalRaw).kind === "blank";
    const anyPart = partsIdx.some((i) => raws[i] !== null && parseCell(raws[i] as string).kind === "number");
    columns.forEach((c, i) => {
      if (c === "_subtotal") return;
      const path = `applications.${key}.${c}`;
      if (c === "total" && totalBlank && anyPart) {
        cells.total = partsIdx.reduce((s, j) => {
          const p = raws[j] === null ? null : parseCell(raws[j] as string);
          return s + (p?.kind === "number" ? p.value : 0);
        }, 0);
        sink.implied.push(path);
        return;
      }
      const v = readCell(raws[i], path, sink);
      if (v !== undefined) cells[c] = v;
    });
    out[key] = cells;
  }
  if (pairRows.length > 0) {
    issues.add(
      "BLANK_CELL",
      "warning",
      `表三有 ${pairRows.length / APPLICANT_COLUMNS.length} 行只印出两个相同的数，按“自然人”和“总计”读取，法人或其他组织各列按空白（0）计`,
      pairRows,
    );
  }
  for (const s of subtotals) {
    if (s.res.status !== "ok" || s.res.raws.some((r) => r === null)) continue;
    checkSubtotal(s.label, toNumbers(s.res.raws as string[]), columns, out, issues);
  }
  return out;
}

const GROUPS: { re: RegExp; name: string; keys: ApplicationRowKey[] }[] = [
  { re: /不予公开/, name: "（三）不予公开", keys: B_ORDER.filter((k) => k.startsWith("denied")) },
  { re: /无法提供/, name: "（四）无法提供", keys: B_ORDER.filter((k) => k.startsWith("unable")) },
  { re: /不予处理/, name: "（五）不予处理", keys: B_ORDER.filter((k) => k.startsWith("notHandled")) },
  { re: /其他处理/, name: "（六）其他处理", keys: ["otherNoCorrection", "otherUnpaidFee", "otherOther"] },
];

function checkSubtotal(
  label: string,
  values: number[],
  columns: (ApplicantColumn | "_subtotal")[],
  out: Partial<Record<ApplicationRowKey, Cells>>,
  issues: IssueList,
): void {
  const norm = normaliseLabel(label);
  let group: (typeof GROUPS)[number] | undefined;
  let best = -1;
  for (const g of GROUPS) {
    const m = g.re.exec(norm);
    if (m && m.index > best) {
      best = m.index;
      group = g;
    }
  }
  if (!group?.keys.every((k) => out[k])) return;
  const bad: string[] = [];
  columns.forEach((c, i) => {
    if (c === "_subtotal") return;
    let sum = 0;
    for (const k of group.keys) {
      const v = out[k]?.[c];
      if (typeof v !== "number") return;
      sum += v;
    }
    if (sum !== values[i]) bad.push(c);
  });
  if (bad.length > 0) {
    issues.add(
      "SUBTOTAL_MISMATCH",
      "warning",
      `表三“${group.name}”小计行与其分项之和不符（${bad.map((c) => c).join("、")}列）`,
      bad.map((c) => `applications.${group.keys[0]}.${c}`),
    );
  }
}

// ---------------------------------------------------------------- table C

function readReview(
  records: RowRecord[],
  issues: IssueList,
  budget: TimeBudget,
  sink: CellSink,
): Partial<Record<ReviewBlockKey, Cells>> {
  const k = REVIEW_BLOCK_KEYS.length * REVIEW_COLUMNS.length;
  const taken: RowRecord[] = [];
  let count = 0;
  let grid = true;
  for (const rec of records) {
    if (count >= k) break;
    if (rec.label !== rec.context && rec.cells.every((c) => c.trim() === "")) continue;
    taken.push(rec);
    grid &&= rec.grid;
    count += rec.cells.length;
  }
  if (taken.length === 0) {
    // The header is there but no value: every cell was left empty.
    const out: Partial<Record<ReviewBlockKey, Cells>> = {};
    for (const b of REVIEW_BLOCK_KEYS) {
      out[b] = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, readCell("", `${b}.${c}`, sink) ?? 0]));
    }
    return out;
  }
  const merged: RowRecord = {
    label: taken[0].label,
    context: taken[0].context,
    cells: taken.flatMap((r) => r.cells),
    grid,
  } as RowRecord;
  const specs: ColumnSpec[] = Array.from({ length: k }, () => ({}));
  const accept = (raws: string[]) => {
    const v = toNumbers(raws);
    for (let b = 0; b < 3; b++) {
      const o = b * 5;
      if (v[o] + v[o + 1] + v[o + 2] + v[o + 3] !== v[o + 4]) return false;
    }
    return true;
  };
  if (taken.every((r) => r.xs)) merged.xs = taken.flatMap((r) => r.xs as number[]);
  const template = merged.xs ? headerTemplate(records, k, C_HEADER_WORDS) : undefined;
  const res = resolveCells(merged, specs, accept, budget, "right", template);
  const out: Partial<Record<ReviewBlockKey, Cells>> = {};
  if (res.status === "ambiguous") {
    const paths = REVIEW_BLOCK_KEYS.flatMap((b) => REVIEW_COLUMNS.map((c) => `${b}.${c}`));
    for (const b of REVIEW_BLOCK_KEYS) out[b] = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, null]));
    issues.add(
      "AMBIGUOUS_SPLIT",
      "error",
      `表四的数字连在一起（${merged.cells.join(" ")}），有多种拆分方式，无法确定各单元格的值`,
      paths,
      { printed: merged.cells.join(" "), candidates: res.candidates.slice(0, 50).map(toNumbers) },
    );
    return out;
  }
  if (res.note === "missing") {
    issues.add(
      "MISSING_COLUMN",
      "warning",
      `表四的数值少于 ${k} 个，无法确定各数值所在的列，已按从左到右读取`,
      REVIEW_BLOCK_KEYS.flatMap((b) => REVIEW_COLUMNS.map((c) => `${b}.${c}`)),
    );
  } else if (res.note === "extra") {
    issues.add("EXTRA_VALUES", "warning", "表四的数值多于表头列数，已按列序读取", []);
  }
  REVIEW_BLOCK_KEYS.forEach((b, bi) => {
    const cells: Cells = {};
    const raws = res.raws.slice(bi * 5, bi * 5 + 5);
    const totalBlank = raws[4] !== null && parseCell(raws[4] as string).kind === "blank";
    const anyPart = raws.slice(0, 4).some((r) => r !== null && parseCell(r).kind === "number");
    REVIEW_COLUMNS.forEach((c: ReviewColumn, ci) => {
      const path = `${b}.${c}`;
      if (c === "total" && totalBlank && anyPart) {
        cells.total = toNumbers(raws.slice(0, 4).map((r) => r ?? "")).reduce((s, x) => s + x, 0);
        sink.implied.push(path);
        return;
      }
      const v = readCell(raws[ci], path, sink);
      if (v !== undefined) cells[c] = v;
    });
    if (Object.keys(cells).length > 0) out[b] = cells;
  });
  return out;
}

// ---------------------------------------------------------------- entry

export function readTables(items: Item[], issues: IssueList, budget: TimeBudget, year: number | null): TablesResult {
  const records = buildRecords(items);
  const regions = locateTables(items, records);
  const sink: CellSink = { blank: [], unreadable: [], implied: [], converted: [] };
  const regionText = (r: Region | null) => (r ? items.slice(r.start, r.end).map(itemText).join(" ") : "");
  let layout = detectLayout(regionText(regions.active));
  let layoutEvidence: TablesResult["layoutEvidence"] = layout ? "labels" : "none";
  const bRecords = inRegion(records, regions.applications);
  const bHeader = regions.applications
    ? items
        .slice(regions.applications.start, bRecords[0]?.item ?? regions.applications.end)
        .map(itemText)
        .join(" ") + (bRecords[0]?.context ?? "")
    : "";
  const applications = readApplications(bRecords, layout, bHeader, issues, budget, sink);
  if (!layout) {
    if (applications.otherNoCorrection || applications.otherUnpaidFee || applications.otherOther) layout = "2021";
    else if (applications.otherHandling) layout = "2019";
    if (layout) layoutEvidence = "labels";
  }
  if (!layout && year !== null) layout = year >= 2021 ? "2021" : "2019";
  const active = layout ? readActive(inRegion(records, regions.active), layout, issues, budget, sink) : {};
  const review = readReview(inRegion(records, regions.review), issues, budget, sink);

  if (sink.blank.length > 0) {
    issues.add("BLANK_CELL", "warning", `${sink.blank.length} 个单元格为空白或划线，按 0 计`, sink.blank);
  }
  if (sink.implied.length > 0) {
    issues.add("IMPLIED_VALUE", "warning", `${sink.implied.length} 个合计单元格空白，按同行分项之和填入`, sink.implied);
  }
  if (sink.unreadable.length > 0) {
    issues.add("UNREADABLE_CELL", "error", `${sink.unreadable.length} 个单元格内容无法识别为数字`, sink.unreadable);
  }
  if (sink.converted.length > 0) {
    issues.add(
      "UNIT_CONVERTED",
      "info",
      `金额已由元换算为万元：${sink.converted.join("；")}`,
      sink.converted.map((s) => s.split("：")[0]),
    );
  }
  return { layout, layoutEvidence, active, applications, review, regions };
}
