import type { CellValue, ChartColumn } from "@/lib/charts/chart-table";
import { formatNumber } from "@/lib/metrics";

const DASH = "—";

/** A table cell as shown: numbers grouped, rates as percentages, money to 2 decimals, null as "—". */
export function formatCell(value: CellValue, column: Pick<ChartColumn, "type" | "unit" | "key">): string {
  if (value === null || value === undefined || value === "") return DASH;
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "number") {
    if (column.key === "year" || column.key.endsWith("Id")) return String(value);
    if (column.unit === "%") return `${formatNumber(value * 100, 1)}%`;
    const digits = column.unit === "万元" || column.unit === "条" ? 2 : 0;
    return formatNumber(value, digits);
  }
  return value;
}
