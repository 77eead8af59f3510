"use client";

import { type ReactNode, useMemo, useState } from "react";
import type { CellValue, ChartColumn, ChartTable } from "@/lib/charts/chart-table";
import { formatCell } from "./format";
import { TableScroll } from "./table-scroll";

type Props = {
  table: Pick<ChartTable, "columns" | "rows" | "totals">;
  /** Columns to hide (ids, technical keys). */
  hidden?: string[];
  caption: string;
  sortable?: boolean;
  filterable?: boolean;
  /** Renders a cell specially (links); return undefined for the default. */
  renderCell?: (column: ChartColumn, row: Record<string, CellValue>) => ReactNode | undefined;
  onRowClick?: (row: Record<string, CellValue>) => void;
  rowLabel?: (row: Record<string, CellValue>) => string;
  maxRows?: number;
  testId?: string;
};

/** "n = 5" under a figure whose report count differs from its row's (or when the row has no report count). */
function FigureN({ n, reports }: { n: CellValue | undefined; reports: CellValue | undefined }) {
  if (typeof n !== "number" || n === reports) return null;
  return (
    <span className="figure-n" title="此数字所据的报告数">
      n = {n.toLocaleString("zh-CN")}
    </span>
  );
}

/** The table view of a chart, and the sortable, filterable agency lists. */
export function DataTable({
  table,
  hidden = [],
  caption,
  sortable = false,
  filterable = false,
  renderCell,
  onRowClick,
  rowLabel,
  maxRows = 500,
  testId,
}: Props) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const [query, setQuery] = useState("");
  // A figure's report count is shown beside the figure, where it differs from the row's, not as a column of its own.
  const columns = table.columns.filter((c) => !hidden.includes(c.key) && !c.nOf);
  const nKeyOf = new Map(table.columns.filter((c) => c.nOf).map((c) => [c.nOf!, c.key]));
  const rows = useMemo(() => {
    let out = table.rows;
    if (query.trim()) {
      const q = query.trim();
      out = out.filter((r) => columns.some((c) => c.type === "text" && String(r[c.key] ?? "").includes(q)));
    }
    if (sort) {
      out = [...out].sort((a, b) => {
        const x = a[sort.key];
        const y = b[sort.key];
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (
          (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN")) *
          sort.dir
        );
      });
    }
    return out;
  }, [table.rows, query, sort, columns]);

  return (
    <div className="data-table" data-testid={testId}>
      {filterable ? (
        <label className="table-filter">
          筛选
          <input
            type="search"
            value={query}
            placeholder="输入机关名称、地区或质量标记"
            onChange={(e) => setQuery(e.target.value)}
          />
          <span className="muted small">
            {rows.length} / {table.rows.length} 行
          </span>
        </label>
      ) : null}
      <TableScroll columns={columns.length} label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = sort?.key === c.key;
                const label = `${c.label}${c.unit && c.unit !== "%" ? `（${c.unit}）` : ""}`;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.type === "number" ? "num" : undefined}
                    aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() =>
                          setSort(
                            active && sort.dir === -1 ? { key: c.key, dir: 1 } : { key: c.key, dir: active ? 1 : -1 },
                          )
                        }
                      >
                        {label}
                        <span aria-hidden="true">{active ? (sort.dir === 1 ? " ▲" : " ▼") : " ↕"}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, maxRows).map((row, i) => (
              <tr
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no stable id across charts
                key={i}
                className={onRowClick ? "clickable" : undefined}
                tabIndex={onRowClick ? 0 : undefined}
                aria-label={onRowClick && rowLabel ? rowLabel(row) : undefined}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                onKeyDown={
                  onRowClick
                    ? (e) => {
                        if (e.key === "Enter" || e.key === " ") {
                          e.preventDefault();
                          onRowClick(row);
                        }
                      }
                    : undefined
                }
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.type === "number" ? "num" : undefined} data-column={c.key}>
                    {renderCell?.(c, row) ?? formatCell(row[c.key] ?? null, c)}
                    <FigureN n={row[nKeyOf.get(c.key) ?? ""]} reports={row.reports} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {table.totals && !query.trim() ? (
            <tfoot>
              <tr data-testid="totals-row">
                {columns.map((c, i) => (
                  <td key={c.key} className={c.type === "number" ? "num" : undefined} data-column={c.key}>
                    {i === 0
                      ? table.totals!.label
                      : c.key in table.totals!.values
                        ? formatCell(table.totals!.values[c.key] ?? null, c)
                        : ""}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </TableScroll>
      {rows.length > maxRows ? <p className="muted small">仅显示前 {maxRows} 行，完整数据请下载。</p> : null}
    </div>
  );
}
