import { z } from "zod";
import { toAuditCsv } from "@/lib/auth/audit";
import { listAuditEntries } from "@/lib/auth/list-audit-entries";
import { formatChinaDate } from "@/lib/china-time";
import { withRoute } from "@/lib/http/with-route";
import { attachmentHeader } from "@/lib/queries/export-table";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  action: z.string().max(32).optional(),
  actor: z.string().max(200).optional(),
  format: z.enum(["json", "csv"], { message: "导出格式应为 json 或 csv" }).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** The audit log for administrators, as JSON or as a CSV download (itself audited). */
export const GET = withRoute({ query: querySchema, role: "admin" }, async ({ db, query, audit }) => {
  const { format = "json", ...filter } = query;
  const limit = filter.limit ?? (format === "csv" ? 100_000 : 200);
  const { rows, total } = await listAuditEntries(db, { ...filter, limit });
  if (format === "json") return { total, rows };
  await audit({ action: "export", target: "audit-log.csv", filters: filter, rowCount: rows.length });
  const stamp = formatChinaDate();
  const csv = toAuditCsv(rows);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(`审计日志-${stamp}.csv`, `audit-log-${stamp}.csv`),
      "Cache-Control": "private, no-store",
    },
  });
});
