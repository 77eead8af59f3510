"use client";

import { useDashboardFilter } from "./use-dashboard-filter";

export type RegionOption = { code: string; name: string };

/** Region and year-range filters; they live in the URL so every chart and export sees the same scope. */
export function FilterBar({ provinces, years }: { provinces: RegionOption[]; years: number[] }) {
  const [filter, setFilter] = useDashboardFilter();
  return (
    <form className="filter-bar" aria-label="筛选条件" onSubmit={(e) => e.preventDefault()}>
      <label>
        地区
        <select value={filter.region ?? ""} onChange={(e) => setFilter({ region: e.target.value || null })}>
          <option value="">全国</option>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        起始年度
        <select
          value={filter.from ?? ""}
          onChange={(e) => setFilter({ from: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">不限</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年
            </option>
          ))}
        </select>
      </label>
      <label>
        截止年度
        <select value={filter.to ?? ""} onChange={(e) => setFilter({ to: e.target.value ? Number(e.target.value) : null })}>
          <option value="">不限</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
