import type { Item } from "../document";
import type { TimeBudget } from "../errors";
import type { IssueList } from "../issues";
import { createCellSink, reportCellSink } from "./cell-sink";
import { detectLayoutFromHeaders, detectLayoutFromRows } from "./detect-layout";
import { locateTables } from "./locate-tables";
import { readActive } from "./read-active";
import { readApplications } from "./read-applications";
import { readReview } from "./read-review";
import { buildRecords, joinItemText, selectRecordsIn } from "./records";
import type { TableRegion, TablesResult } from "./types";

/** The three statistics tables of a document: where they stand, their layout, and every cell as printed. */
export function readTables(items: Item[], issues: IssueList, budget: TimeBudget, year: number | null): TablesResult {
  const records = buildRecords(items);
  const regions = locateTables(items, records);
  const sink = createCellSink();
  const regionText = (r: TableRegion | null) => (r ? items.slice(r.start, r.end).map(joinItemText).join(" ") : "");
  let layout = detectLayoutFromHeaders(regionText(regions.active));
  let layoutEvidence: TablesResult["layoutEvidence"] = layout ? "labels" : "none";
  const applicationRecords = selectRecordsIn(records, regions.applications);
  const applicationHeader = regions.applications
    ? items
        .slice(regions.applications.start, applicationRecords[0]?.item ?? regions.applications.end)
        .map(joinItemText)
        .join(" ") + (applicationRecords[0]?.context ?? "")
    : "";
  const applications = readApplications(applicationRecords, layout, applicationHeader, issues, budget, sink);
  if (!layout) {
    layout = detectLayoutFromRows(applications);
    if (layout) layoutEvidence = "labels";
  }
  if (!layout && year !== null) layout = year >= 2021 ? "2021" : "2019";
  const active = layout ? readActive(selectRecordsIn(records, regions.active), layout, issues, budget, sink) : {};
  const review = readReview(selectRecordsIn(records, regions.review), issues, budget, sink);
  reportCellSink(sink, layout, issues);
  return { layout, layoutEvidence, active, applications, review, regions };
}
