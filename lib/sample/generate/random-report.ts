import {
  ACTIVE_ROW_KEYS,
  ACTIVE_ROWS,
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  type ApplicantColumn,
  type ApplicationRow,
  type ApplicationRowKey,
  type Layout,
  OUTCOME_ROW_KEYS,
  type ParsedReport,
  REVIEW_BLOCK_KEYS,
  REVIEW_COLUMNS,
  type ReviewBlock,
} from "@/lib/report/schema";
import { type Agency, BUILT_IN_REGIONS, pickAgency, type RegionLike } from "./agency";
import { type Rng, splitInteger } from "./rng";

export type GenerateReportOptions = {
  layout?: Layout;
  year?: number;
  /** An agency name; its kind and level are guessed from the name. */
  agency?: string;
  region?: { code: string; path: string[] };
  /** Regions to draw agencies from (lib/regions' listRegions()); a small built-in list otherwise. */
  regions?: readonly RegionLike[];
};

/** A ground-truth report: every cell of its layout filled, internally consistent, no issues. */
export type GeneratedReport = ParsedReport & {
  agency: string;
  year: number;
  format: Layout;
  publishedAt: string;
  region: { code: string; path: string[] };
};

const PARTY_COLUMNS = APPLICANT_COLUMNS.filter((c) => c !== "total");

/** Heavy-tailed non-negative integer up to `max`: most draws small, a few large. */
function drawMagnitude(rng: Rng, max: number): number {
  return Math.min(max, Math.floor(Math.exp(rng.next() * Math.log(max + 1))) - 1);
}

function guessAgency(name: string, region: { code: string; path: string[] } | undefined, rng: Rng): Agency {
  const level = region ? (Math.min(3, region.path.length || 3) as 1 | 2 | 3) : 3;
  const ref = region ?? { code: "", path: [] };
  if (/(街道办事处|镇人民政府|乡人民政府)$/.test(name)) return { name, kind: "township", level: 4, region: ref };
  if (/人民政府$/.test(name)) return { name, kind: "government", level, region: ref };
  return { name, kind: rng.chance(0.9) ? "department" : "other", level, region: ref };
}

/** Requests received in a year, by the agency's weight: a county department 0–50, a city government hundreds. */
function drawReceivedTotal(rng: Rng, agency: Agency): number {
  const government = agency.kind === "government";
  const [zeroChance, max] =
    agency.level === 4
      ? [0.5, 10]
      : agency.level === 3
        ? government
          ? [0.05, 300]
          : [0.35, 50]
        : agency.level === 2
          ? government
            ? [0, 900]
            : [0.15, 150]
          : government
            ? [0, 5000]
            : [0.05, 800];
  if (rng.chance(zeroChance)) return 0;
  const min = government && agency.level <= 2 ? Math.floor(max / 9) : 0;
  return min + drawMagnitude(rng, max - min);
}

function sumRow(row: ApplicationRow): number {
  return PARTY_COLUMNS.reduce((sum, c) => sum + (row[c] ?? 0), 0);
}

function generateApplications(rng: Rng, agency: Agency, layout: Layout): ParsedReport["applications"] {
  const rows = APPLICATION_ROW_KEYS.filter((k) => (APPLICATION_ROWS[k].layouts as readonly Layout[]).includes(layout));
  const outcomes = OUTCOME_ROW_KEYS.filter((k) => rows.includes(k));
  const table = {} as Record<ApplicationRowKey, Record<ApplicantColumn, number>>;
  for (const k of rows)
    table[k] = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, 0])) as Record<ApplicantColumn, number>;

  const partyWeights: Record<string, number> = {
    natural: 0.8,
    commercial: 0.1 + 0.1 * rng.next(),
    research: rng.chance(0.2) ? 0.02 : 0,
    nonprofit: rng.chance(0.2) ? 0.02 : 0,
    legal: rng.chance(0.4) ? 0.04 : 0,
    otherOrg: rng.chance(0.4) ? 0.04 : 0,
  };
  const received = drawReceivedTotal(rng, agency);
  const receivedSplit = splitInteger(
    rng,
    received,
    PARTY_COLUMNS.map((c) => partyWeights[c]!),
  );
  const baseOutcomeWeights: Partial<Record<ApplicationRowKey, number>> = {
    granted: 0.45,
    partial: 0.08,
    unableNotHeld: 0.25,
    unableNeedsCreation: 0.04,
    unableUnclear: 0.03,
    notHandledComplaint: 0.04,
    notHandledRepeated: 0.02,
    notHandledPublication: 0.005,
    notHandledExcessive: 0.01,
    notHandledConfirmation: 0.01,
    otherHandling: 0.04,
    otherNoCorrection: 0.02,
    otherUnpaidFee: 0.003,
    otherOther: 0.02,
  };
  // Each report uses only some outcome rows, as real ones do.
  const outcomeWeights = outcomes.map((k) => {
    const base = baseOutcomeWeights[k] ?? 0.01;
    if (k === "granted") return base;
    return rng.chance(k.startsWith("denied") ? 0.25 : 0.6) ? base * (0.3 + 1.4 * rng.next()) : 0;
  });

  PARTY_COLUMNS.forEach((column, i) => {
    const r = receivedSplit[i]!;
    const carriedOver = rng.chance(0.25) ? drawMagnitude(rng, Math.max(1, Math.ceil(r * 0.1))) : 0;
    const open = r + carriedOver;
    const carriedForward = open > 0 && rng.chance(0.3) ? Math.min(open, drawMagnitude(rng, Math.ceil(open * 0.12))) : 0;
    const processed = open - carriedForward;
    table.received[column] = r;
    table.carriedOver[column] = carriedOver;
    table.carriedForward[column] = carriedForward;
    table.processedTotal[column] = processed;
    const split = splitInteger(rng, processed, outcomeWeights);
    outcomes.forEach((k, j) => {
      table[k][column] = split[j]!;
    });
  });
  for (const k of rows) table[k].total = sumRow(table[k]);
  return table;
}

function generateActive(rng: Rng, agency: Agency, layout: Layout): ParsedReport["active"] {
  const government = agency.kind === "government";
  const big = agency.level <= 2;
  const active: Record<string, Record<string, number>> = {};
  const zeroRow = (p: number) => rng.chance(p);
  for (const key of ACTIVE_ROW_KEYS) {
    const columns = ACTIVE_ROWS[key].columns[layout] as readonly string[];
    if (columns.length === 0) continue;
    const row: Record<string, number> = Object.fromEntries(columns.map((c) => [c, 0]));
    active[key] = row;
    switch (key) {
      case "rules":
      case "normativeDocs": {
        const isRules = key === "rules";
        const canMake = isRules ? government && agency.level <= 2 : agency.level <= 3;
        if (!canMake || zeroRow(isRules ? 0.4 : 0.2)) break;
        const made = drawMagnitude(rng, isRules ? (agency.level === 1 ? 20 : 6) : big ? 40 : 15);
        if (layout === "2019") {
          row.made = made;
          row.newlyPublished = rng.chance(0.85) ? made : Math.max(0, made - rng.int(0, made));
          row.totalPublished = row.newlyPublished + drawMagnitude(rng, isRules ? 60 : big ? 400 : 120);
        } else {
          row.made = made;
          row.repealed = rng.chance(0.6) ? 0 : drawMagnitude(rng, isRules ? 5 : 20);
          row.inForce = made + drawMagnitude(rng, isRules ? 80 : big ? 600 : 150);
        }
        break;
      }
      case "licensing":
      case "otherServices":
      case "penalty":
      case "coercion": {
        if (zeroRow(key === "coercion" ? 0.6 : key === "otherServices" ? 0.5 : 0.35)) break;
        const decisionsMax =
          key === "licensing" ? 50_000 : key === "penalty" ? 10_000 : key === "coercion" ? 600 : 5_000;
        row.decisions = drawMagnitude(rng, big ? decisionsMax : Math.ceil(decisionsMax / 5));
        if (layout === "2019") {
          row.previous = drawMagnitude(rng, key === "licensing" ? 300 : 150);
          const change = rng.chance(0.5) ? 0 : rng.int(-Math.min(10, row.previous), 10);
          row.change = change;
        }
        break;
      }
      case "fees": {
        if (layout === "2019") {
          if (zeroRow(0.5)) break;
          row.previous = drawMagnitude(rng, 30);
          row.change = rng.chance(0.6) ? 0 : rng.int(-Math.min(3, row.previous), 3);
        } else {
          if (zeroRow(0.55)) break;
          // Whole yuan or yuan and fen, divided to 万元: 0 to 6 decimals, as printed in real reports.
          const yuan = drawMagnitude(rng, big ? 500_000_000 : 20_000_000);
          const fen = rng.chance(0.4) ? rng.int(0, 99) : 0;
          const roundTo = rng.pick([1, 100, 10_000, 1_000_000]);
          const fenTotal = yuan * 100 + fen;
          row.amount = Math.round((fenTotal / 1_000_000) * roundTo) / roundTo;
        }
        break;
      }
      case "procurement": {
        if (zeroRow(0.4)) break;
        row.count = drawMagnitude(rng, big ? 200 : 40);
        row.amount =
          row.count === 0 ? 0 : Math.round(drawMagnitude(rng, big ? 5_000_000_000 : 100_000_000) / 100) / 10_000;
        break;
      }
    }
  }
  return active;
}

function generateReviewBlock(rng: Rng, scale: number): ReviewBlock {
  const block = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, 0])) as Record<
    (typeof REVIEW_COLUMNS)[number],
    number
  >;
  if (rng.chance(0.55)) return block;
  const total = drawMagnitude(rng, Math.max(2, scale));
  const [upheld, corrected, other, pending] = splitInteger(rng, total, [0.6, 0.12, 0.15, 0.13]);
  Object.assign(block, { upheld, corrected, other, pending, total });
  return block;
}

function drawPublishedAt(rng: Rng, agency: Agency, year: number): string {
  const deadlineMonth = agency.kind === "government" ? 3 : 1;
  const late = rng.chance(0.08);
  const month = late ? rng.int(deadlineMonth + 1, Math.min(12, deadlineMonth + 3)) : rng.int(1, deadlineMonth);
  const day = rng.int(month === 2 ? 1 : 5, new Date(Date.UTC(year + 1, month, 0)).getUTCDate());
  return `${year + 1}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A random, internally consistent report: the ground truth a rendering must let a parser recover. */
export function generateReport(rng: Rng, opts: GenerateReportOptions = {}): GeneratedReport {
  const layout = opts.layout ?? (rng.chance(0.35) ? "2019" : "2021");
  const year = opts.year ?? (layout === "2019" ? rng.int(2019, 2020) : rng.int(2021, 2024));
  const agency = opts.agency
    ? guessAgency(opts.agency, opts.region, rng)
    : pickAgency(rng, opts.regions ?? BUILT_IN_REGIONS);
  const region = opts.region ?? agency.region;
  const applications = generateApplications(rng, agency, layout);
  const received = (applications.received?.total ?? 0) as number;
  const reviewScale = Math.ceil(received / 15) + 1;
  return {
    agency: agency.name,
    year,
    publishedAt: drawPublishedAt(rng, agency, year),
    format: layout,
    region: { code: region.code, path: [...region.path] },
    agencyKind: agency.kind,
    active: generateActive(rng, agency, layout),
    applications,
    review: generateReviewBlock(rng, reviewScale),
    litigationDirect: generateReviewBlock(rng, reviewScale),
    litigationAfterReview: generateReviewBlock(rng, Math.ceil(reviewScale / 2)),
    issues: [],
  };
}

/** Every cell path of a report's layout with its value, e.g. "applications.received.total" → 26. */
export function listCells(report: ParsedReport): [string, number | null][] {
  const out: [string, number | null][] = [];
  for (const [row, cells] of Object.entries(report.active)) {
    for (const [col, v] of Object.entries(cells ?? {})) out.push([`active.${row}.${col}`, v ?? null]);
  }
  for (const [row, cells] of Object.entries(report.applications)) {
    for (const [col, v] of Object.entries(cells ?? {})) out.push([`applications.${row}.${col}`, v ?? null]);
  }
  for (const block of REVIEW_BLOCK_KEYS) {
    for (const [col, v] of Object.entries(report[block] ?? {})) out.push([`${block}.${col}`, v ?? null]);
  }
  return out;
}
