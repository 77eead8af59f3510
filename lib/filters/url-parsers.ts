import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs";
import { FILTER_AGENCY_KINDS, FILTER_LAYOUTS } from "./dashboard-filter";

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

/** Chart cards showing their table instead of the chart: `table=children,heatmap`. */
export const tableViewParser = parseAsArrayOf(parseAsString).withDefault([]).withOptions({ history: "replace" });
