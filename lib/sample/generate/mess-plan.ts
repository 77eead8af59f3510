import { PROBLEMS_TITLE_VARIANTS, SECTION_TITLES } from "@/lib/report/official-layout";
import type { Layout } from "@/lib/report/schema";
import type { Rng } from "./rng";
import type { TableId } from "./types";

/** What a rendering can carry without making the document undecidable (a blank vanishes from run-together text). */
export type RenderingCapabilities = { blankCells: boolean; thousandsSeparators: boolean; misprints: boolean };

export const FULL_CAPABILITIES: RenderingCapabilities = {
  blankCells: true,
  thousandsSeparators: true,
  misprints: true,
};

/** How a table prints a zero: blank, "—" or "无", in every cell, only the organisation columns, or here and there. */
export type ZeroMark = { mark: string; scope: "all" | "orgColumns" | "some" };

/** The deviations drawn for one document; each is drawn with a probability that grows with messiness. */
export type MessPlan = {
  fullWidth: boolean;
  thousands: boolean;
  plusSign: boolean;
  zeroMarks: Partial<Record<TableId, ZeroMark>>;
  halfWidthPunctuation: boolean;
  money: "wan" | "wan-variant" | "yuan-cell" | "yuan-header";
  procurementFourDecimals: boolean;
  labelTypo: boolean;
  singleOtherRow: boolean;
  orgSubtotalColumn: boolean;
  subtotalRows: boolean;
  extraSubRow: boolean;
  sectionsOutOfOrder: boolean;
  misprintedTotal: boolean;
  blankImpliedTotal: boolean;
  narrativeMismatch: boolean;
  problemsTitle: string;
};

export function drawPlan(rng: Rng, messiness: number, caps: RenderingCapabilities, layout: Layout): MessPlan {
  const m = Math.max(0, Math.min(1, messiness));
  const maybe = (p: number) => rng.chance(p * m);
  const drawZeroMark = (p: number, orgColumns: boolean): ZeroMark | undefined => {
    if (!maybe(p)) return undefined;
    const marks = caps.blankCells ? ["", "", "—", "无"] : ["—", "无"];
    const scope = rng.pickWeighted<ZeroMark["scope"]>([
      ["all", 2],
      ["orgColumns", orgColumns ? 2 : 0],
      ["some", 2],
    ]);
    return { mark: rng.pick(marks), scope };
  };
  const zeroMarks: MessPlan["zeroMarks"] = {};
  const a = drawZeroMark(0.25, false);
  const b = drawZeroMark(0.35, true);
  const c = drawZeroMark(0.2, false);
  if (a) zeroMarks.active = a;
  if (b) zeroMarks.applications = b;
  if (c) zeroMarks.review = c;
  const fullWidth = maybe(0.2);
  const wrongTotal = caps.misprints && maybe(0.25);
  return {
    fullWidth,
    thousands: caps.thousandsSeparators && !fullWidth && maybe(0.4),
    plusSign: maybe(0.5),
    zeroMarks,
    halfWidthPunctuation: maybe(0.3),
    money: maybe(0.5) ? rng.pick(["wan-variant", "yuan-cell", "yuan-header"] as const) : "wan",
    procurementFourDecimals: rng.chance(0.5),
    labelTypo: maybe(0.35),
    singleOtherRow: layout === "2021" && maybe(0.2),
    orgSubtotalColumn: maybe(0.15),
    subtotalRows: maybe(0.15),
    extraSubRow: maybe(0.25),
    sectionsOutOfOrder: maybe(0.1),
    misprintedTotal: wrongTotal && rng.chance(0.5),
    blankImpliedTotal: caps.misprints && !wrongTotal && maybe(0.2),
    narrativeMismatch: maybe(0.3),
    problemsTitle: maybe(0.5) ? rng.pick(PROBLEMS_TITLE_VARIANTS) : SECTION_TITLES.problems,
  };
}
