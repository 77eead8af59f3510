import { z } from "zod";
import { METRIC_BY_ID } from "@/lib/metrics";
import { AGENCY_KINDS, LAYOUTS } from "@/lib/report/schema";

const year = z.coerce.number().int().min(2000).max(2100);

export const FILTER_AGENCY_KINDS = AGENCY_KINDS;
export const FILTER_LAYOUTS = LAYOUTS;

/** One filter schema for the URL, the server loaders and the export routes, so an export matches its chart. */
export const dashboardFilterSchema = z
  .object({
    region: z
      .string()
      .regex(/^\d{6}$/, "地区代码应为 6 位数字")
      .optional(),
    from: year.optional(),
    to: year.optional(),
    kind: z.enum(FILTER_AGENCY_KINDS, { message: "机关类型应为 government、department、township 或 other" }).optional(),
    layout: z.enum(FILTER_LAYOUTS, { message: "表格版式应为 2019 或 2021" }).optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: "起始年度不能晚于截止年度",
  });
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

/** Chart-specific parameters on top of the filter: the metric compared and the year shown. */
export const chartParamsSchema = z.object({
  metric: z
    .string()
    .max(64)
    .refine((id) => METRIC_BY_ID.has(id), { message: "指标不存在" })
    .optional(),
  year: year.optional(),
  /** A child region (or agency list) the detail rows are restricted to. */
  group: z.string().max(16).optional(),
});
export type ChartParams = z.infer<typeof chartParamsSchema>;

export const EXPORT_FORMATS = ["json", "csv", "xlsx"] as const;
/** `download=1`: the JSON as a file (an export, audited like CSV and XLSX), not the data the page's chart reads. */
export const downloadFlagSchema = z.enum(["1"], { message: "download 只能为 1" }).optional();

/** A chart request that is an export (a file to keep): needs the export permission and is audited. */
export const isExportRequest = (query: { format?: string; download?: string }) =>
  (query.format ?? "json") !== "json" || query.download === "1";

/** Query of a chart endpoint: filter + chart params + the export format and whether to export detail rows. */
export const chartQuerySchema = z.intersection(
  dashboardFilterSchema,
  chartParamsSchema.extend({
    format: z.enum(EXPORT_FORMATS, { message: "导出格式应为 json、csv 或 xlsx" }).optional(),
    rows: z.enum(["view", "detail"], { message: "数据范围（rows）应为 view（图表数据）或 detail（明细）" }).optional(),
    download: downloadFlagSchema,
  }),
);

/** Query of the overview page's workbook: the filter plus the page's view state (see `listOverviewCharts`). */
export const overviewExportQuerySchema = z.intersection(
  dashboardFilterSchema,
  z.object({
    metric: z.string().max(64).optional(),
    year: year.optional(),
    detailYear: year.optional(),
    detailMetric: z
      .string()
      .max(64)
      .refine((id) => METRIC_BY_ID.has(id), { message: "明细指标不存在" })
      .optional(),
    detailGroup: z.string().max(16).optional(),
  }),
);

export const FILTER_KEYS = ["region", "from", "to", "kind", "layout"] as const;

/**
 * The filter of a page URL, checked by the schema: a bad value is reported (the page says what is wrong) where the
 * client's nuqs parsers would drop it.
 */
export function parseFilterSearch(search: Record<string, string | string[] | undefined>) {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return dashboardFilterSchema.safeParse(
    Object.fromEntries(FILTER_KEYS.filter((key) => first(search[key])).map((key) => [key, first(search[key])])),
  );
}

/** Canonical query string of a filter (stable key order, empty values dropped): cache keys and links. */
export function toFilterSearch(filter: Partial<Record<string, string | number | null | undefined>>): string {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, "metric", "year", "group"]) {
    const value = filter[key];
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  return params.toString();
}
