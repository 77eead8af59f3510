import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CellDef } from "@/db/cells";
import type { RollupMetricColumns } from "@/db/rollup-columns";
import { METRICS } from "@/lib/metrics/definitions";
import {
  ACTIVE_ROWS,
  type ActiveRowKey,
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  REVIEW_BLOCK_KEYS,
  REVIEW_COLUMNS,
} from "@/lib/report/schema";

/**
 * Writes the column lists of the wide tables (`report_values`, `report_rollups`) into db/ as plain data, derived from
 * the report vocabulary (lib/report/schema) and the metric dictionary (lib/metrics), so that db/ imports nothing from
 * lib/. Adding a cell or a cell metric adds columns: run this, then `npm run db:generate` for the migration.
 */

/** camelCase or dotted ids → snake_case SQL names. */
function toSnakeCase(id: string): string {
  return id
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

function listActiveCells(): CellDef[] {
  const cells: CellDef[] = [];
  for (const [row, def] of Object.entries(ACTIVE_ROWS) as [ActiveRowKey, (typeof ACTIVE_ROWS)[ActiveRowKey]][]) {
    const columns = [...new Set([...def.columns["2019"], ...def.columns["2021"]])];
    for (const col of columns) {
      cells.push({
        path: `active.${row}.${col}`,
        column: `act_${toSnakeCase(row)}_${toSnakeCase(col)}`,
        kind: col === "amount" ? "money" : "count",
      });
    }
  }
  return cells;
}

/** One `report_values` column per table cell: 表二 (active), 表三 (applications), 表四 (review blocks). */
export function deriveReportValueColumns(): CellDef[] {
  return [
    ...listActiveCells(),
    ...APPLICATION_ROW_KEYS.flatMap((row) =>
      APPLICANT_COLUMNS.map((col) => ({
        path: `applications.${row}.${col}`,
        column: `app_${toSnakeCase(row)}_${toSnakeCase(col)}`,
        kind: "count" as const,
      })),
    ),
    ...REVIEW_BLOCK_KEYS.flatMap((block) =>
      REVIEW_COLUMNS.map((col) => ({
        path: `${block}.${col}`,
        column: `${toSnakeCase(block)}_${col}`,
        kind: "count" as const,
      })),
    ),
  ];
}

/** One entry per cell metric of the dictionary, in dictionary order. */
export function deriveRollupMetricColumns(
  cells: readonly CellDef[] = deriveReportValueColumns(),
): RollupMetricColumns[] {
  const kindOf = new Map(cells.map((c) => [c.path, c.kind]));
  return METRICS.flatMap((m) => {
    if (m.source !== "cells") return [];
    const base = `m_${toSnakeCase(m.id)}`;
    const parts = [...m.numerator, ...(m.denominator ?? [])];
    return [
      {
        metricId: m.id,
        num: `${base}_num`,
        ...(m.denominator ? { den: `${base}_den` } : {}),
        n: `${base}_n`,
        money: parts.some((p) => kindOf.get(p) === "money"),
      },
    ];
  });
}

/** Plain JSON, one entry a line: data for db/, which imports nothing from lib/. */
function renderList(entries: object[]): string {
  return `{\n  "generatedBy": "npm run db:columns — do not edit",\n  "columns": [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(",\n")}\n  ]\n}\n`;
}

/** The generated files, by path relative to the repository root. */
export function renderColumnFiles(): Record<string, string> {
  const cells = deriveReportValueColumns();
  return {
    "db/report-value-columns.json": renderList(cells),
    "db/rollup-metric-columns.json": renderList(deriveRollupMetricColumns(cells)),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  for (const [file, text] of Object.entries(renderColumnFiles())) {
    writeFileSync(path.join(root, file), text);
    process.stdout.write(`已写入 ${file}\n`);
  }
}
