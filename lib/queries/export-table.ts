import "server-only";
import ExcelJS from "exceljs";
import type { CellValue, ChartColumn, ChartTable } from "@/lib/charts/chart-table";
import { findDetailSubset } from "@/lib/charts/detail-subsets";
import { formatChinaTime } from "@/lib/china-time";
import type { DashboardFilter } from "@/lib/filters/dashboard-filter";
import { getMetric } from "@/lib/metrics";
import { findRegionByCode } from "@/lib/regions";
import { AGENCY_KIND_LABELS } from "@/lib/report/schema";

const FORMULA_START = /^[=+\-@\t\r]/;

/** Header of a column with its unit: "新收申请（件）"; rates are exported in percent in CSV. */
function headerOf(column: ChartColumn, percent: boolean): string {
  if (!column.unit) return column.label;
  if (column.unit === "%") return percent ? `${column.label}（%）` : `${column.label}（比率）`;
  return `${column.label}（${column.unit}）`;
}

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe; numbers are never touched. */
export function escapeCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(value: CellValue, column: ChartColumn): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "number") {
    const n = column.unit === "%" ? Math.round(value * 100 * 1e6) / 1e6 : value;
    text = String(n);
  } else if (typeof value === "boolean") {
    text = value ? "是" : "否";
  } else {
    text = escapeCsvText(value);
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV for spreadsheets: UTF-8 BOM, comma, CRLF, no `sep=` line, formula-injection escaped. */
export function toCsv(table: ChartTable): string {
  const lines = [
    table.columns.map((c) => csvField(headerOf(c, true), { ...c, unit: undefined, type: "text" })).join(","),
  ];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c.key] ?? null, c)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[\\/?*[\]:]/g, "").slice(0, 28) || "数据";
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)}-${i}`;
  used.add(name);
  return name;
}

function addDataSheet(workbook: ExcelJS.Workbook, table: ChartTable, name: string) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(table.columns.map((c) => headerOf(c, false)));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      table.columns.map((c) => {
        const value = row[c.key] ?? null;
        if (typeof value === "boolean") return value ? "是" : "否";
        return value;
      }),
    );
  }
  if (table.totals) {
    const { label, values } = table.totals;
    const total = sheet.addRow(table.columns.map((c, i) => (i === 0 ? label : (values[c.key] ?? null))));
    total.font = { bold: true };
  }
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(40, Math.max(10, headerOf(c, false).length * 2));
    if (c.unit === "%") column.numFmt = "0.0%";
    else if (c.unit === "万元") column.numFmt = "#,##0.00";
    else if (c.type === "number" && c.key !== "year" && !c.key.endsWith("Id")) column.numFmt = "#,##0.##";
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

/** Chinese description of a filter, for export headers and the 说明 sheet. */
export function describeFilter(filter: DashboardFilter): string {
  const parts = [
    `地区：${filter.region ? (findRegionByCode(filter.region)?.path.join(" › ") ?? filter.region) : "全国"}`,
    `年度：${filter.from ?? "不限"}–${filter.to ?? "不限"}`,
    `机关类型：${filter.kind ? AGENCY_KIND_LABELS[filter.kind] : "全部"}`,
    `表格版式：${filter.layout ? `${filter.layout} 版` : "全部"}`,
  ];
  return parts.join("；");
}

/** A chart's own choices on top of the filter: the compared metric, the year, the group, the detail subset. */
export function describeParams(table: Pick<ChartTable, "params">): string {
  const { metric, year, group } = table.params;
  const subset = findDetailSubset(metric);
  const parts = [
    ...(metric ? [`指标：${getMetric(metric).name}（${metric}）`] : []),
    ...(subset ? [`范围：${subset.label}`] : []),
    ...(year ? [`年度：${year}年`] : []),
    ...(group ? [`分组：${group}`] : []),
  ];
  return parts.length ? parts.join("；") : "无（仅按筛选条件）";
}

function addReadme(workbook: ExcelJS.Workbook, tables: ChartTable[], exportedAt: Date) {
  const sheet = workbook.addWorksheet("说明", { properties: { tabColor: { argb: "FFB3261E" } } });
  const first = tables[0];
  const add = (label: string, value: string) => sheet.addRow([label, value]);
  sheet.addRow(["政府信息公开年报看板 · 数据导出说明"]).font = { bold: true, size: 14 };
  add("筛选条件", first.subject ?? describeFilter(first.filter));
  add("导出时间", `${formatChinaTime(exportedAt)}（北京时间）`);
  add("数据版本", first.datasetVersion);
  add(
    "数据范围",
    tables.map((t) => `${t.title}：${t.rowsKind === "detail" ? "全部明细行（每份报告一行）" : "当前视图"}`).join("；"),
  );
  if (tables.some((t) => t.truncated)) add("注意", "部分工作表已达到行数上限，仅含前若干行。");
  sheet.addRow([]);
  sheet.addRow(["各图表的选择"]).font = { bold: true };
  for (const t of tables) add(t.title, describeParams(t));
  sheet.addRow([]);
  sheet.addRow(["图表口径"]).font = { bold: true };
  for (const t of tables) for (const note of t.notes) add(t.title, note);
  sheet.addRow([]);
  sheet.addRow(["指标编号", "指标", "单位", "定义", "适用表格版式", "适用年度", "口径说明"]).font = { bold: true };
  const ids = [...new Set(tables.flatMap((t) => t.metrics))];
  for (const id of ids) {
    const m = getMetric(id);
    const years = m.years ? `${m.years.from ?? "—"}–${m.years.to ?? "—"}` : "全部";
    sheet.addRow([id, m.name, m.unit, m.definition, m.layouts.map((l) => `${l} 版`).join("、"), years, m.note ?? ""]);
  }
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 36;
  sheet.getColumn(4).width = 60;
  sheet.getColumn(7).width = 60;
}

/** One workbook: a 说明 sheet (filters, definitions and 口径, data version, export time) and a sheet per chart. */
export async function toXlsx(tables: ChartTable[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "政府信息公开年报看板";
  const exportedAt = new Date();
  workbook.created = exportedAt;
  addReadme(workbook, tables, exportedAt);
  const used = new Set(["说明"]);
  for (const t of tables) addDataSheet(workbook, t, sheetName(t.title, used));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Content-Disposition with an ASCII fallback and the UTF-8 Chinese name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
