import type { ChartParams, DashboardFilter } from "@/lib/filters/dashboard-filter";
import type { AgencyChartId, ChartId } from "./chart-catalog";

export type CellValue = string | number | boolean | null;

export type ChartColumn = {
  key: string;
  label: string;
  /** Unit of a numeric column; "%" columns hold fractions (0.83 = 83%). */
  unit?: string;
  metric?: string;
  type: "text" | "number" | "boolean";
  /** This column is the report count (n) behind the column `nOf`: tables show it beside that figure. */
  nOf?: string;
};

export type ChartRow = Record<string, CellValue>;

/** The data behind one chart, exactly as shown and exported. */
export type ChartTable = {
  chart: ChartId | AgencyChartId;
  title: string;
  filter: DashboardFilter;
  /** What the table covers when a dashboard filter does not say it (one agency); the 说明 sheet shows it. */
  subject?: string;
  params: ChartParams;
  columns: ChartColumn[];
  rows: ChartRow[];
  /** One line that lets a figure stand alone: region, years, filters, the chart's choices, data date and source. */
  caption?: string;
  /** A total row that reconciles the rows with the headline figure (the KPI card's value), when there is one. */
  totals?: { label: string; values: ChartRow };
  /** 口径 and availability notes shown under the chart and in the 说明 sheet. */
  notes: string[];
  /** Metric ids whose definitions the export explains. */
  metrics: string[];
  /** "view": the rows of the chart; "detail": every agency-year report behind it. */
  rowsKind: "view" | "detail";
  /** True when the row list was cut at its limit. */
  truncated?: boolean;
  datasetVersion: string;
  generatedAt: string;
};
