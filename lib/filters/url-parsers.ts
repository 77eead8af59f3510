import { createLoader, parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { FILTER_AGENCY_KINDS, FILTER_LAYOUTS } from "./dashboard-filter";

// From "nuqs/server": plain parsers, usable by the client hooks and by server pages alike.

/** nuqs parsers mirroring `dashboardFilterSchema`: the same keys and value sets in the URL. */
export const dashboardFilterParsers = {
  region: parseAsString,
  from: parseAsInteger,
  to: parseAsInteger,
  kind: parseAsStringLiteral(FILTER_AGENCY_KINDS),
  layout: parseAsStringLiteral(FILTER_LAYOUTS),
};

/** Chart parameters that are also part of the shareable view. */
export const viewParsers = {
  metric: parseAsString,
  year: parseAsInteger,
};

/** The overview's open detail list: the year, metric and child group it lists the reports of. */
export const detailParsers = {
  detailYear: parseAsInteger,
  detailGroup: parseAsString,
  detailMetric: parseAsString,
};

/** The view parameters read on the server (the overview page) exactly as `useViewState` reads them. */
export const loadViewParams = createLoader(viewParsers);

/** Chart cards showing their table instead of the chart: `table=children,heatmap`. */
export const tableViewParser = parseAsArrayOf(parseAsString).withDefault([]).withOptions({ history: "replace" });
