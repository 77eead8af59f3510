import "server-only";
import { createHash } from "node:crypto";
import type { Scope } from "@/lib/auth/scope";
import type { ChartTable } from "@/lib/charts/chart-table";
import { formatChinaDate } from "@/lib/china-time";
import { attachmentHeader, toCsv, toXlsx } from "./export-table";

/**
 * The validator of one answer: the dataset version, who asks with which scope (a narrowed scope must not revalidate
 * rows it may no longer see) and the exact query.
 */
export function etagOf(
  request: Request,
  key: { version: string; userId: string; scope: Scope; subject?: string },
): string {
  const digest = createHash("sha1")
    .update(JSON.stringify([key.userId, key.scope, key.subject ?? null, new URL(request.url).search]))
    .digest("base64url")
    .slice(0, 22);
  return `W/"${key.version}-${digest}"`;
}

/** 304 when the client already holds this dataset version of this exact query. */
export function notModified(request: Request, etag: string): Response | null {
  return request.headers.get("if-none-match") === etag
    ? new Response(null, { status: 304, headers: { ETag: etag } })
    : null;
}

/** A chart table as JSON, CSV or XLSX: the one serialisation every chart endpoint and download uses. */
export async function respondWithTable(
  table: ChartTable,
  format: "json" | "csv" | "xlsx",
  etag: string,
  asFile = format !== "json",
): Promise<Response> {
  const kind = table.rowsKind === "detail" ? "明细" : "当前视图";
  const stamp = formatChinaDate();
  const base = `${table.title}-${kind}-${stamp}`;
  const ascii = `${table.chart}-${table.rowsKind}-${stamp}`;
  const common = { ETag: etag, "Cache-Control": "private, no-cache", "X-Dataset-Version": table.datasetVersion };
  if (format === "csv") {
    return new Response(toCsv(table), {
      headers: {
        ...common,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentHeader(`${base}.csv`, `${ascii}.csv`),
      },
    });
  }
  if (format === "xlsx") {
    const bytes = await toXlsx([table]);
    return new Response(bytes as BodyInit, {
      headers: {
        ...common,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": attachmentHeader(`${base}.xlsx`, `${ascii}.xlsx`),
      },
    });
  }
  if (!asFile) return Response.json(table, { headers: common });
  return Response.json(table, {
    headers: { ...common, "Content-Disposition": attachmentHeader(`${base}.json`, `${ascii}.json`) },
  });
}

/** Several chart tables as one workbook (说明 plus a sheet each): the page workbooks, live or frozen. */
export async function respondWithWorkbook(tables: ChartTable[], name: string, asciiName: string): Promise<Response> {
  const stamp = formatChinaDate();
  const bytes = await toXlsx(tables);
  return new Response(bytes as BodyInit, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentHeader(`${name}-${stamp}.xlsx`, `${asciiName}-${stamp}.xlsx`),
      "Cache-Control": "private, no-store",
    },
  });
}
