import type { CellDef } from "@/db/cells";
import { ACTIVE_ROWS, APPLICATION_ROWS, type Layout } from "@/lib/report/schema";

/**
 * How a cell's value is drawn: its mean is `share` × one of the report's activity scales (columns of bench_reports:
 * sa applications, sp administrative decisions, sd documents made, sf fees and procurement).
 */
type CellDistribution = { scale: "sa" | "sp" | "sd" | "sf"; share: number; signed?: boolean; money?: boolean };

const APPLICANT_SHARE: Record<string, number> = {
  natural: 0.85,
  commercial: 0.08,
  research: 0.005,
  nonprofit: 0.01,
  legal: 0.02,
  otherOrg: 0.035,
  total: 1,
};
const APPLICATION_ROW_SHARE: Record<string, number> = {
  received: 1,
  carriedOver: 0.08,
  granted: 0.45,
  partial: 0.12,
  deniedStateSecret: 0.003,
  deniedLawProhibited: 0.005,
  deniedSecurityStability: 0.003,
  deniedThirdParty: 0.01,
  deniedInternalAffairs: 0.01,
  deniedProcessInfo: 0.02,
  deniedEnforcementFile: 0.005,
  deniedAdminQuery: 0.01,
  unableNotHeld: 0.15,
  unableNeedsCreation: 0.02,
  unableUnclear: 0.02,
  notHandledComplaint: 0.03,
  notHandledRepeated: 0.02,
  notHandledPublication: 0.005,
  notHandledExcessive: 0.005,
  notHandledConfirmation: 0.01,
  otherHandling: 0.05,
  otherNoCorrection: 0.03,
  otherUnpaidFee: 0.001,
  otherOther: 0.02,
  processedTotal: 1,
  carriedForward: 0.08,
};
/** Table A rows whose cells scale with documents made (sd): shares of made, newlyPublished, totalPublished, repealed, inForce. */
const DOCUMENT_ROWS: [row: string, shares: number[]][] = [
  ["rules", [0.1, 0.1, 2, 0.05, 2]],
  ["normativeDocs", [1, 1, 10, 0.3, 10]],
];
/** Table A rows of decisions (sp): shares of previous, change (signed), decisions. */
const DECISION_ROWS: [row: string, shares: number[]][] = [
  ["licensing", [0.05, 0.005, 1]],
  ["otherServices", [0.02, 0.002, 0.3]],
  ["penalty", [0.02, 0.002, 0.5]],
  ["coercion", [0.005, 0.001, 0.05]],
];
const ACTIVE_DISTRIBUTIONS: Record<string, CellDistribution> = {
  ...Object.fromEntries(
    DOCUMENT_ROWS.flatMap(([row, shares]) =>
      ["made", "newlyPublished", "totalPublished", "repealed", "inForce"].map((c, i) => [
        `${row}.${c}`,
        { scale: "sd", share: shares[i]! },
      ]),
    ),
  ),
  ...Object.fromEntries(
    DECISION_ROWS.flatMap(([row, shares]) =>
      ["previous", "change", "decisions"].map((c, i) => [
        `${row}.${c}`,
        { scale: "sp", share: shares[i]!, ...(c === "change" ? { signed: true } : {}) },
      ]),
    ),
  ),
  "fees.previous": { scale: "sf", share: 0.3 },
  "fees.change": { scale: "sf", share: 0.05, signed: true },
  "fees.amount": { scale: "sf", share: 20, money: true },
  "procurement.count": { scale: "sf", share: 0.5 },
  "procurement.amount": { scale: "sf", share: 100, money: true },
};
const REVIEW_BLOCK_SHARE: Record<string, number> = {
  review: 0.03,
  litigationDirect: 0.01,
  litigationAfterReview: 0.005,
};
const REVIEW_COLUMN_SHARE: Record<string, number> = {
  upheld: 0.6,
  corrected: 0.1,
  other: 0.15,
  pending: 0.15,
  total: 1,
};

function distributionOf(cell: CellDef): CellDistribution {
  const [table, a, b] = cell.path.split(".");
  if (table === "active") return ACTIVE_DISTRIBUTIONS[`${a}.${b}`]!;
  if (table === "applications") return { scale: "sa", share: APPLICATION_ROW_SHARE[a]! * APPLICANT_SHARE[b]! };
  return { scale: "sa", share: REVIEW_BLOCK_SHARE[table]! * REVIEW_COLUMN_SHARE[a]! };
}

function isInLayout(cell: CellDef, layout: Layout): boolean {
  const [table, a, b] = cell.path.split(".");
  if (table === "active")
    return (ACTIVE_ROWS[a as keyof typeof ACTIVE_ROWS].columns[layout] as readonly string[]).includes(b);
  if (table === "applications")
    return (APPLICATION_ROWS[a as keyof typeof APPLICATION_ROWS].layouts as readonly string[]).includes(layout);
  return true;
}

/** SQL: uniform (0, 1] from a hash of (report, salt); inlined because non-inlined SQL functions are ~30 µs a call. */
export const sqlUniform = (salt: number, id = "s.report_id") =>
  `((hashint8extended(${id}::bigint * 1000 + ${salt}, 42) & 1048575) + 1)::float8 / 1048577`;

/** SQL: a geometric draw with mean m (P(x ≥ 1) = m / (1 + m)): most small-mean cells are 0. */
const sqlGeometric = (mean: string, uniform: string) =>
  `(case when ${mean} > 0 then floor(ln(${uniform}) / ln((${mean}) / (1 + ${mean})))::bigint else 0 end)`;

/** SQL expression for cell number k (1-based) of one report, or NULL when the layout lacks the cell. */
export function sqlCellValue(cell: CellDef, k: number, layout: Layout): string {
  if (!isInLayout(cell, layout)) return "null";
  const d = distributionOf(cell);
  const mean = `s.${d.scale} * ${d.share}`;
  if (d.money)
    return `case when s.${d.scale} > 0 then round((-(${mean}) * ln(${sqlUniform(k)}))::numeric, 4) else 0 end`;
  const value = sqlGeometric(mean, sqlUniform(k));
  return d.signed ? `${value} - ${sqlGeometric(mean, sqlUniform(k + 300))}` : value;
}
