"use client";

import type * as echarts from "echarts/core";
import { useQueryState } from "nuqs";
import { type FocusEvent, type KeyboardEvent, type ReactNode, useRef } from "react";
import { AGENCY_CHART_TITLES, type AgencyChartId, CHART_TITLES, type ChartId } from "@/lib/charts/chart-catalog";
import type { CellValue, ChartColumn, ChartTable } from "@/lib/charts/chart-table";
import { tableViewParser } from "@/lib/filters/url-parsers";
import "./chart-card.css";
import { DataTable } from "./data-table";
import { EChart, type EChartClick, type EChartOption, renderFigure } from "./echart";
import { useFrozenView } from "./frozen-view";
import { useChartTable } from "./use-chart-table";

type Props = {
  chart: ChartId | AgencyChartId;
  /** Where the chart's table is served, when not /api/charts/[chart] (an agency's charts). */
  endpoint?: string;
  /** Canonical query string: filter + chart params. */
  search: string;
  /** A fixed title, or one that names what the served table holds (the year a "latest" view resolved to). */
  title?: string | ((table: ChartTable | undefined) => string);
  description: string;
  /** ECharts option from the table; null draws no chart (table only). */
  buildOption?: (table: ChartTable) => EChartOption | null;
  /** Why a table may legitimately be empty, for the empty state. */
  emptyHint?: string;
  height?: number;
  onChartClick?: (event: EChartClick, table: ChartTable) => void;
  clickHint?: string;
  hiddenColumns?: string[];
  tableOnly?: boolean;
  tableProps?: {
    sortable?: boolean;
    filterable?: boolean;
    renderCell?: (column: ChartColumn, row: Record<string, CellValue>) => ReactNode | undefined;
    onRowClick?: (row: Record<string, CellValue>) => void;
    rowLabel?: (row: Record<string, CellValue>) => string;
  };
  toolbar?: ReactNode;
  className?: string;
};

const WIDE_TABLE_COLUMNS = 5;
const MIN_FIGURE_WIDTH = 720;

function triggerDownload(href: string, fileName: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function closeOnEscape(e: KeyboardEvent<HTMLDetailsElement>) {
  const menu = e.currentTarget;
  if (e.key !== "Escape" || !menu.open) return;
  e.preventDefault();
  menu.open = false;
  menu.querySelector("summary")?.focus();
}

/** Tabbing out closes the list; a null relatedTarget (a click Safari does not focus) leaves it to the click. */
function closeOnFocusOut(e: FocusEvent<HTMLDetailsElement>) {
  const next = e.relatedTarget;
  if (next instanceof Node && !e.currentTarget.contains(next)) e.currentTarget.open = false;
}

/** A dashboard card: the chart, its table view, its downloads, and loading / empty / error states. */
export function ChartCard(props: Props) {
  const { chart, search, description } = props;
  const { data, error, isPending, isFetching, refetch } = useChartTable(chart, search, true, props.endpoint);
  const title =
    typeof props.title === "function"
      ? props.title(data)
      : (props.title ?? { ...CHART_TITLES, ...AGENCY_CHART_TITLES }[chart]);
  const [tables, setTables] = useQueryState("table", tableViewParser);
  const showTable = props.tableOnly || tables.includes(chart);
  const instance = useRef<echarts.ECharts | null>(null);
  const option = data && props.buildOption ? props.buildOption(data) : null;
  // A frozen view offers no drill-down (it would change the view) and downloads its stored tables, without detail rows.
  const frozen = useFrozenView();
  const onChartClick = frozen ? undefined : props.onChartClick;
  const tableProps = frozen ? { ...props.tableProps, onRowClick: undefined, rowLabel: undefined } : props.tableProps;
  const base = frozen
    ? `/api/shares/${frozen.token}/charts/${chart}?`
    : `${props.endpoint ?? `/api/charts/${chart}`}?${search}${search ? "&" : ""}`;
  const headingId = `h-${chart}`;
  const stamp = new Date().toISOString().slice(0, 10);

  const downloadImage = async (kind: "png" | "svg") => {
    if (!option || !data) return;
    const figure = {
      title,
      caption: data.caption ?? "",
      // A narrow card still exports at a width a document page can carry.
      width: Math.max(MIN_FIGURE_WIDTH, instance.current?.getWidth() ?? 960),
      height: instance.current?.getHeight() ?? props.height ?? 360,
    };
    const rendered = await renderFigure(option, figure, description, kind);
    const name = `${title}-${stamp}.${kind}`;
    if (kind === "png") {
      triggerDownload(rendered, name);
      return;
    }
    const url = URL.createObjectURL(new Blob([rendered], { type: "image/svg+xml" }));
    triggerDownload(url, name);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section
      // A table view of many columns takes the whole row of the grid rather than scrolling in half of it.
      className={`card chart-card ${props.className ?? ""} ${showTable && (data?.columns.length ?? 0) > WIDE_TABLE_COLUMNS ? "wide" : ""}`}
      aria-labelledby={headingId}
      data-chart-card={chart}
    >
      <header className="card-header">
        <h2 id={headingId}>{title}</h2>
        <div className="card-tools">
          {props.toolbar}
          {!props.tableOnly && props.buildOption ? (
            <button
              type="button"
              className="tool-button"
              aria-pressed={showTable}
              onClick={() => setTables((t) => (t.includes(chart) ? t.filter((c) => c !== chart) : [...t, chart]))}
            >
              {showTable ? "图表视图" : "表格视图"}
            </button>
          ) : null}
          {/* A disclosure of plain links and buttons (not an ARIA menu): Tab reaches every item, Escape closes. */}
          <details className="menu" onKeyDown={closeOnEscape} onBlur={closeOnFocusOut}>
            <summary className="tool-button" aria-label={`下载“${title}”`}>
              下载
            </summary>
            <div
              className="menu-items"
              onClickCapture={(e) => {
                // Close the list once an item is chosen (the download itself proceeds).
                const menu = e.currentTarget.closest("details");
                if (menu) setTimeout(() => menu.removeAttribute("open"), 0);
              }}
            >
              <a href={`${base}format=csv`} download data-download="csv">
                CSV（当前视图）
              </a>
              <a href={`${base}format=xlsx`} download data-download="xlsx">
                XLSX（当前视图，含说明）
              </a>
              <a href={`${base}format=json&download=1`} download data-download="json">
                JSON（当前视图）
              </a>
              {chart !== "kpis" && !frozen ? (
                <>
                  <a href={`${base}format=csv&rows=detail`} download data-download="detail-csv">
                    CSV（全部明细报告）
                  </a>
                  <a href={`${base}format=xlsx&rows=detail`} download data-download="detail-xlsx">
                    XLSX（全部明细报告）
                  </a>
                </>
              ) : null}
              {option ? (
                <>
                  <button type="button" onClick={() => downloadImage("png")} data-download="png">
                    图片 PNG
                  </button>
                  <button type="button" onClick={() => downloadImage("svg")} data-download="svg">
                    图片 SVG
                  </button>
                </>
              ) : null}
            </div>
          </details>
        </div>
      </header>
      {/* Region · years · filters · 数据截至 · 来源: a printed or copied card says what it shows, as exported figures do. */}
      {data?.caption ? <p className="chart-caption">{data.caption}</p> : null}
      {error ? (
        <div className="state state-error" role="alert">
          <p>{(error as Error).message}</p>
          <button type="button" className="tool-button" onClick={() => refetch()}>
            重试
          </button>
        </div>
      ) : isPending ? (
        <div
          className="skeleton"
          style={{ height: props.height ?? 360 }}
          role="status"
          aria-busy="true"
          aria-label="加载中"
        />
      ) : data.rows.length === 0 ? (
        <div className="state state-empty">
          <p>{props.emptyHint ?? "当前筛选条件下没有报告数据。"}</p>
          <p className="muted small">可放宽年度、机关类型或表格版式，或返回上一级地区。</p>
        </div>
      ) : (
        <div aria-busy={isFetching} className={isFetching ? "refreshing" : undefined}>
          {option && !showTable ? (
            <EChart
              option={option}
              height={props.height}
              label={description}
              chartId={chart}
              onReady={(c) => {
                instance.current = c;
              }}
              onClick={onChartClick ? (e) => onChartClick(e, data) : undefined}
            />
          ) : (
            <DataTable
              table={data}
              caption={title}
              hidden={props.hiddenColumns}
              testId={`table-${chart}`}
              {...tableProps}
            />
          )}
          {props.clickHint && onChartClick && option && !showTable ? (
            <p className="muted small hint">{props.clickHint}</p>
          ) : null}
          {data.truncated ? <p className="muted small">列表已达上限，完整数据请下载明细。</p> : null}
          {data.notes.length ? (
            <details className="notes">
              <summary className="small">口径说明</summary>
              <ul className="small">
                {data.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      )}
    </section>
  );
}
