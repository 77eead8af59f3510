"use client";

import { useQueryState, useQueryStates } from "nuqs";
import { tableViewParser, viewParsers } from "@/lib/filters/url-parsers";
import { Breadcrumbs, type Crumb } from "./breadcrumbs";

/** The overview's breadcrumbs: going up keeps the comparison and the table views chosen since the page loaded. */
export function OverviewBreadcrumbs({ items }: { items: Crumb[] }) {
  const [view] = useQueryStates(viewParsers);
  const [tables] = useQueryState("table", tableViewParser);
  const withView = (href: string) => {
    const url = new URL(href, "http://localhost");
    const keep: Record<string, string | null> = {
      metric: view.metric,
      year: view.year == null ? null : String(view.year),
      table: tables.length ? tables.join(",") : null,
    };
    for (const [key, value] of Object.entries(keep)) {
      if (value) url.searchParams.set(key, value);
      else url.searchParams.delete(key);
    }
    return `${url.pathname}${url.search}`;
  };
  return <Breadcrumbs items={items.map((c) => ({ ...c, href: withView(c.href) }))} />;
}
