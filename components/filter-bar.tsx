"use client";

import { FILTER_AGENCY_KINDS, FILTER_LAYOUTS } from "@/lib/filters/dashboard-filter";
import { AGENCY_KIND_LABELS } from "@/lib/report/schema";
import { useFrozenView } from "./frozen-view";
import "./share-view.css";
import { useDashboardFilter } from "./use-dashboard-filter";

export type RegionOption = { code: string; name: string };

function YearSelect(props: {
  label: string;
  value: number | null;
  years: number[];
  onChange: (y: number | null) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value ?? ""}
        onChange={(e) => props.onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">不限</option>
        {props.years.map((y) => (
          <option key={y} value={y}>
            {y}年
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Region, years, agency kind and layout; they live in the URL so every chart and export sees the same scope.
 * A frozen view shows them disabled: its figures are those of this one filter.
 */
export function FilterBar({ regions, years }: { regions: RegionOption[]; years: number[] }) {
  const [filter, setFilter] = useDashboardFilter();
  const frozen = useFrozenView() !== null;
  const current = filter.region ?? "";
  return (
    <form className="filter-bar" aria-label="筛选条件" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="filter-fields" disabled={frozen}>
        <label>
          地区
          <select value={current} onChange={(e) => setFilter({ region: e.target.value || null })}>
            {regions.map((p) => (
              <option key={p.code || "all"} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <YearSelect label="起始年度" value={filter.from} years={years} onChange={(from) => setFilter({ from })} />
        <YearSelect label="截止年度" value={filter.to} years={years} onChange={(to) => setFilter({ to })} />
        <label>
          机关类型
          <select
            value={filter.kind ?? ""}
            onChange={(e) =>
              setFilter({ kind: (e.target.value || null) as (typeof FILTER_AGENCY_KINDS)[number] | null })
            }
          >
            <option value="">全部</option>
            {FILTER_AGENCY_KINDS.map((k) => (
              <option key={k} value={k}>
                {AGENCY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          表格版式
          <select
            value={filter.layout ?? ""}
            onChange={(e) => setFilter({ layout: (e.target.value || null) as (typeof FILTER_LAYOUTS)[number] | null })}
          >
            <option value="">全部</option>
            {FILTER_LAYOUTS.map((l) => (
              <option key={l} value={l}>
                {l} 版（{l === "2019" ? "2019–2020 年度" : "2021 年度起"}）
              </option>
            ))}
          </select>
        </label>
        {frozen ? null : (
          <button
            type="button"
            className="tool-button"
            onClick={() => setFilter({ region: null, from: null, to: null, kind: null, layout: null })}
          >
            清除筛选
          </button>
        )}
      </fieldset>
      {frozen ? <p className="frozen-hint muted small">冻结视图：筛选条件不可更改。</p> : null}
    </form>
  );
}
