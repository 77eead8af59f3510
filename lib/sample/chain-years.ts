import { APPLICANT_COLUMNS, type ApplicationRow, type ParsedReport } from "@/lib/report/schema";

const PARTIES = APPLICANT_COLUMNS.filter((c) => c !== "total");

/**
 * Makes this year's 上年结转 equal last year's 结转下年度 and keeps the printed identity
 * received + carriedOver = processedTotal + carriedForward, raising `received` where last year's backlog is short.
 */
export function chainCarryOver(report: ParsedReport, previous: ParsedReport | undefined): void {
  const apps = report.applications;
  if (!apps.received || !apps.processedTotal) return;
  const carriedOver: ApplicationRow = { ...(apps.carriedOver ?? {}) };
  const carriedForward: ApplicationRow = { ...(apps.carriedForward ?? {}) };
  const received: ApplicationRow = { ...apps.received };
  for (const col of PARTIES) {
    const over = previous?.applications.carriedForward?.[col] ?? 0;
    const processed = apps.processedTotal[col] ?? 0;
    let forward = (received[col] ?? 0) + over - processed;
    if (forward < 0) {
      received[col] = (received[col] ?? 0) - forward;
      forward = 0;
    }
    carriedOver[col] = over;
    carriedForward[col] = forward;
  }
  for (const row of [carriedOver, carriedForward, received]) {
    row.total = PARTIES.reduce((sum, col) => sum + (row[col] ?? 0), 0);
  }
  Object.assign(apps, { received, carriedOver, carriedForward });
}
