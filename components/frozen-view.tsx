"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { FrozenView } from "@/lib/charts/shared-view";

const FrozenViewContext = createContext<FrozenView | null>(null);

/** Cards below read their tables from a shared view's stored charts instead of fetching, and offer no view changes. */
export function FrozenViewProvider({ view, children }: { view: FrozenView; children: ReactNode }) {
  return <FrozenViewContext.Provider value={view}>{children}</FrozenViewContext.Provider>;
}

/** The frozen view the component is rendered in, or null on a live page. */
export function useFrozenView(): FrozenView | null {
  return useContext(FrozenViewContext);
}
