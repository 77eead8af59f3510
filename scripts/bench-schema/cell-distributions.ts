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
const ACTIVE_DISTRIBUTIONS: Record<string, CellDistribution> = {
  "rules.made": { scale: "sd", share: 0.1 },
  "rules.newlyPublished": { scale: "sd", share: 0.1 },
  "rules.totalPublished": { scale: "sd", share: 2 },
  "rules.repealed": { scale: "sd", share: 0.05 },
  "rules.inForce": { scale: "sd", share: 2 },
  "normativeDocs.made": { scale: "sd", share: 1 },
  "normativeDocs.newlyPublished": { scale: "sd", share: 1 },
  "normativeDocs.totalPublished": { scale: "sd", share: 10 },
  "normativeDocs.repealed": { scale: "sd", share: 0.3 },
  "normativeDocs.inForce": { scale: "sd", share: 10 },
  "licensing.previous": { scale: "sp", share: 0.05 },
  "licensing.change": { scale: "sp", share: 0.005, signed: true },
  "licensing.decisions": { scale: "sp", share: 1 },
  "otherServices.previous": { scale: "sp", share: 0.02 },
  "otherServices.change": { scale: "sp", share: 0.002, signed: true },
  "otherServices.decisions": { scale: "sp", share: 0.3 },
  "penalty.previous": { scale: "sp", share: 0.02 },
  "penalty.change": { scale: "sp", share: 0.002, signed: true },
  "penalty.decisions": { scale: "sp", share: 0.5 },
  "coercion.previous": { scale: "sp", share: 0.005 },
  "coercion.change": { scale: "sp", share: 0.001, signed: true },
  "coercion.decisions": { scale: "sp", share: 0.05 },
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
