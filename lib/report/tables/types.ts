import type { ActiveRowKey, ApplicantColumn, ApplicationRowKey, Layout, ReviewBlockKey } from "../schema";
import type { RowRecord } from "./records";
import type { Resolved } from "./resolve-cells";

/** The items a table spans: [start, end). */
export type TableRegion = { start: number; end: number };
export type TableRegions = { active: TableRegion | null; applications: TableRegion | null; review: TableRegion | null };

export type Cells = Record<string, number | null>;
export type TablesResult = {
  layout: Layout | null;
  layoutEvidence: "labels" | "none";
  active: Partial<Record<ActiveRowKey, Cells>>;
  applications: Partial<Record<ApplicationRowKey, Cells>>;
  review: Partial<Record<ReviewBlockKey, Cells>>;
  regions: TableRegions;
};

/** A table B column as printed: an applicant column, or the 法人或其他组织 小计 some reports add. */
export type ApplicantSlot = ApplicantColumn | "_subtotal";

/** A table B row recognised by its label, with its cells as resolved so far. */
export type ApplicationRowRead = { key: ApplicationRowKey; rec: RowRecord; res: Resolved };
