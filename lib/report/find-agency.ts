import { type AgencyCandidate, type AgencySource, gatherAgencyCandidates } from "./agency-candidates";
import { normaliseAgencyName } from "./agency-name";
import { ORG_SUFFIX, PLACE_SUFFIX } from "./clean-agency-name";
import { findFullName, isAbbreviationOf } from "./expand-abbreviation";

export type AgencyFinding = {
  agency: string | null;
  /** Where the chosen name was found (the first such place when several agree). */
  source: AgencySource | null;
  /** The abbreviation the document also used, when the full name was preferred to it. */
  abbreviation?: string;
  /** The title's own name when another place's name was chosen over it. */
  titleName?: string;
  /** The title's name is the bare place the chosen name starts with (or its abbreviation). */
  titleAgrees?: boolean;
};

/** `other` says the same as `name`: the same name, an abbreviation of it, or the bare place it starts with. */
function supports(other: string, name: string): boolean {
  const a = normaliseAgencyName(other);
  const b = normaliseAgencyName(name);
  if (a === b || isAbbreviationOf(a, b)) return true;
  return PLACE_SUFFIX.test(a) && !ORG_SUFFIX.test(a) && b.startsWith(a) && b.length > a.length;
}

/** Each source counts once for a name, with its best weight. */
function scoreName(name: string, candidates: AgencyCandidate[]): { score: number; sources: Set<AgencySource> } {
  const best = new Map<AgencySource, number>();
  for (const c of candidates) {
    if (supports(c.name, name)) best.set(c.source, Math.max(best.get(c.source) ?? 0, c.weight));
  }
  let score = 0;
  for (const w of best.values()) score += w;
  // Agreement of two places counts more than either alone.
  if (best.size >= 2) score += 1;
  return { score, sources: new Set(best.keys()) };
}

/**
 * The publishing agency from every place the report names it (see `gatherAgencyCandidates`). The title's
 * name stands unless two other places agree on another name that nothing else supports; among the rest,
 * agreement wins, then the title, then the longer (fuller) name. An abbreviation gives way to the full name
 * the document also prints.
 */
export function findAgency(input: {
  titles: string[];
  lines: string[];
  text: string;
  fileName?: string;
}): AgencyFinding {
  const candidates = gatherAgencyCandidates(input);
  if (candidates.length === 0) return { agency: null, source: null };
  const order: AgencySource[] = ["title", "signature", "metadata", "statement", "fileName"];
  const scored = [...new Set(candidates.map((c) => c.name))].map((name) => {
    const { score, sources } = scoreName(name, candidates);
    const first = order.find((s) => candidates.some((c) => c.source === s && c.name === name))!;
    return { name, score, sources, first };
  });
  scored.sort(
    (a, b) => b.score - a.score || order.indexOf(a.first) - order.indexOf(b.first) || b.name.length - a.name.length,
  );
  const title = scored.find((s) => s.first === "title");
  let chosen = scored[0];
  if (title && !chosen.sources.has("title") && ORG_SUFFIX.test(title.name) && chosen.sources.size < 2) chosen = title;
  let agency = chosen.name;
  let abbreviation: string | undefined;
  const fuller = scored.find(
    (s) => s !== chosen && isAbbreviationOf(normaliseAgencyName(agency), normaliseAgencyName(s.name)),
  );
  const full = fuller?.name ?? findFullName(agency, input.text);
  if (full) {
    abbreviation = agency;
    agency = full;
  }
  const titleAbbreviates =
    title && title !== chosen && isAbbreviationOf(normaliseAgencyName(title.name), normaliseAgencyName(chosen.name));
  if (title && titleAbbreviates && !abbreviation) {
    return { agency, source: "title", abbreviation: title.name };
  }
  return {
    agency,
    source: chosen.first,
    ...(abbreviation ? { abbreviation } : {}),
    ...(title && title !== chosen ? { titleName: title.name, titleAgrees: chosen.sources.has("title") } : {}),
  };
}
