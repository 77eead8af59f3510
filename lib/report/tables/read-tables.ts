import type { Item } from "../document";
import type { TimeBudget } from "../errors";
import type { IssueList } from "../issues";
import type { TableKey } from "../official-layout";
import { createCellSink, reportCellSink } from "./cell-sink";
import { readTableCopies } from "./choose-copy";
import { detectLayoutFromHeaders, detectLayoutFromRows } from "./detect-layout";
import { locateTableSets, splitAtHeaders } from "./locate-tables";
import { readActive } from "./read-active";
import { readApplications } from "./read-applications";
import { readReview } from "./read-review";
import { buildRecords, joinItemText, type RowRecord, selectRecordsIn } from "./records";
import type { TableRegion, TablesResult } from "./types";

/** The three statistics tables of a document: where they stand, their layout, and every cell as printed. */
export function readTables(items: Item[], issues: IssueList, budget: TimeBudget, year: number | null): TablesResult {
  const records = buildRecords(items);
  const sets = locateTableSets(items, records);
  const regions = sets[0];
  const sink = createCellSink();
  const regionText = (r: TableRegion | null) => (r ? items.slice(r.start, r.end).map(joinItemText).join(" ") : "");
  const piecesOf = (table: TableKey): TableRegion[] =>
    sets.flatMap((set) => (set[table] ? splitAtHeaders(items, records, set[table], table) : []));
  const copiesOf = (table: TableKey): RowRecord[][] => piecesOf(table).map((r) => selectRecordsIn(records, r));
  const applicationPieces = piecesOf("applications");
  const headerOf = (copy: RowRecord[]): string => {
    const first = copy[0];
    const piece = first && applicationPieces.find((r) => first.item >= r.start && first.item < r.end);
    return piece ? items.slice(piece.start, first.item).map(joinItemText).join(" ") + first.context : "";
  };
  let layout = detectLayoutFromHeaders(regionText(regions.active));
  let layoutEvidence: TablesResult["layoutEvidence"] = layout ? "labels" : "none";
  const detected = layout;
  const applications = readTableCopies(
    "applications",
    copiesOf("applications"),
    (copy, iss, s) => readApplications(copy, detected, headerOf(copy), iss, budget, s),
    layout,
    issues,
    sink,
  );
  if (!layout) {
    layout = detectLayoutFromRows(applications);
    if (layout) layoutEvidence = "labels";
  }
  if (!layout && year !== null) layout = year >= 2021 ? "2021" : "2019";
  const activeLayout = layout;
  const active = activeLayout
    ? readTableCopies(
        "active",
        copiesOf("active"),
        (copy, iss, s) => readActive(copy, activeLayout, iss, budget, s),
        layout,
        issues,
        sink,
      )
    : {};
  const review = regions.review
    ? readTableCopies(
        "review",
        copiesOf("review"),
        (copy, iss, s) => readReview(copy, iss, budget, s),
        layout,
        issues,
        sink,
      )
    : {};
  reportCellSink(sink, layout, issues);
  return { layout, layoutEvidence, active, applications, review, regions };
}
