import type { RegionResolution } from "@/lib/report/schema";
import { findZoneName, isZoneCode, ZONE_WORD } from "./functional-zones";
import { findNearMisses } from "./near-miss";
import { ancestorsOf, findRegionByCode, isSameOrAncestor, listRegions, type Region } from "./region-tree";
import { deriveShortName } from "./short-names";

type IndexEntry = { region: Region; isShort: boolean };

type NameIndex = {
  byName: Map<string, IndexEntry[]>;
  maxLength: number;
  /** The name counted in a document's text as a mention of the region: its short name, else its full name. */
  mentionKey: Map<string, string>;
};

type NameMatch = { start: number; end: number; regions: Region[] };

// Prefixes after which a place name starts (中共淮安市委…): short names are accepted right after them.
const AGENCY_PREFIX = /^(?:中国共产党|中共|共青团|国家税务总局|国家金融监督管理总局)/;
const TITLE_AGENCY =
  /([^\s:：|]+?)\s*(?:(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2})\s*年度?(?:政府)?信息公开/;
const TITLE_SEARCH_CHARS = 2000;

let index: NameIndex | null = null;

function buildIndex(): NameIndex {
  const byName = new Map<string, IndexEntry[]>();
  const mentionKey = new Map<string, string>();
  let maxLength = 0;
  const add = (name: string, entry: IndexEntry): void => {
    const entries = byName.get(name);
    if (entries) entries.push(entry);
    else byName.set(name, [entry]);
    maxLength = Math.max(maxLength, name.length);
  };
  for (const region of listRegions()) {
    add(region.name, { region, isShort: false });
    const short = deriveShortName(region);
    if (short) add(short, { region, isShort: true });
    mentionKey.set(region.code, short ?? region.name);
  }
  return { byName, maxLength, mentionKey };
}

function getIndex(): NameIndex {
  index ??= buildIndex();
  return index;
}

/** Full names win over short names spelt the same; weak matches (short names, 2-character names like 城区) need a boundary. */
function lookupName(nameIndex: NameIndex, key: string): { regions: Region[]; weak: boolean } | null {
  const entries = nameIndex.byName.get(key);
  if (!entries) return null;
  const full = entries.filter((e) => !e.isShort);
  const chosen = full.length > 0 ? full : entries;
  return { regions: chosen.map((e) => e.region), weak: full.length === 0 || key.length <= 2 };
}

/** Left-to-right longest matches of place names in an agency name. */
function findNameMatches(agency: string): NameMatch[] {
  const nameIndex = getIndex();
  const matches: NameMatch[] = [];
  const prefixEnd = AGENCY_PREFIX.exec(agency)?.[0].length ?? 0;
  let lastEnd = -1;
  let i = 0;
  while (i < agency.length) {
    let found: NameMatch | null = null;
    for (let length = Math.min(nameIndex.maxLength, agency.length - i); length >= 2 && !found; length--) {
      const hit = lookupName(nameIndex, agency.slice(i, i + length));
      if (!hit) continue;
      const atBoundary = i === 0 || i === prefixEnd || i === lastEnd;
      if (hit.weak && !atBoundary) continue;
      found = { start: i, end: i + length, regions: hit.regions };
    }
    if (found) {
      matches.push(found);
      lastEnd = found.end;
      i = found.end;
    } else {
      i++;
    }
  }
  return matches;
}

/**
 * Chains matches so each one lies inside the previous (省 → 市 → 区); a match outside the chain
 * ("牡丹江市" then 公安县's short name in "公安局") is dropped. Returns the deepest candidates.
 */
function chainMatches(matches: NameMatch[]): Region[] {
  let context: Region[] = [];
  for (const match of matches) {
    if (context.length === 0) {
      context = match.regions;
      continue;
    }
    const inside = match.regions.filter((r) => context.some((p) => p.code !== r.code && isSameOrAncestor(p, r)));
    if (inside.length > 0) context = inside;
  }
  return context;
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * Picks the candidate whose ancestors (province, city) the document mentions most; null on a tie or no mention.
 * `countSelf`: mentions of the candidate itself count too (a misprinted name is often spelt right elsewhere).
 */
function pickByMentions(candidates: Region[], documentText: string, countSelf = false): Region | null {
  const { mentionKey } = getIndex();
  const counts = new Map<string, number>();
  const scored = candidates.map((candidate) => {
    let score = 0;
    for (const ancestor of countSelf ? [candidate, ...ancestorsOf(candidate)] : ancestorsOf(candidate)) {
      const key = mentionKey.get(ancestor.code) ?? ancestor.name;
      let count = counts.get(key);
      if (count === undefined) {
        count = countOccurrences(documentText, key);
        counts.set(key, count);
      }
      score += count;
    }
    return { candidate, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score === 0 || (second && second.score === best.score)) return null;
  return best.candidate;
}

function cleanAgency(agency: string): string {
  return agency.normalize("NFKC").replace(/\s+/g, "");
}

/** The agency written in the report's title ("牡丹江市教育局 2019年政府信息公开工作年度报告"), if any. */
export function extractTitleAgency(text: string): string | null {
  return TITLE_AGENCY.exec(text.slice(0, TITLE_SEARCH_CHARS).normalize("NFKC"))?.[1] ?? null;
}

/**
 * A place written one character off its GB/T 2260 name right after the last recognised place ("徐州市雎宁县",
 * or "雎宁县…" at the start): the unique near-miss inside the places already read, else the one whose province
 * or city the document mentions most. Tried for spans ending like a place (县, 区, 市…) and not a zone.
 */
function resolveNearMiss(
  agency: string,
  matches: NameMatch[],
  context: Region[],
  text: string,
): { region: Region; printed: string } | null {
  const start = matches.length > 0 ? matches[matches.length - 1].end : (AGENCY_PREFIX.exec(agency)?.[0].length ?? 0);
  for (let length = 3; length <= 8 && start + length <= agency.length; length++) {
    const printed = agency.slice(start, start + length);
    if (ZONE_WORD.test(printed)) return null;
    if (!/[省市县区旗州盟]$/.test(printed)) continue;
    let near = findNearMisses(printed);
    if (context.length > 0) near = near.filter((r) => context.some((p) => p.code !== r.code && isSameOrAncestor(p, r)));
    if (near.length === 0) continue;
    const region = near.length === 1 ? near[0] : pickByMentions(near, text, true);
    return region ? { region, printed } : null;
  }
  return null;
}

/** A statistical zone code goes to its city; a zone word after the place names the zone the agency sits in. */
function placeZone(chosen: Region, agency: string, matches: NameMatch[]): { region: Region; zone?: string } {
  if (isZoneCode(chosen.code)) {
    const parent = chosen.parentCode ? findRegionByCode(chosen.parentCode) : null;
    return parent ? { region: parent, zone: chosen.name } : { region: chosen };
  }
  const match = matches.findLast((m) => m.regions.some((r) => r.code === chosen.code)) ?? matches[matches.length - 1];
  const zone = findZoneName(agency, match?.start ?? 0);
  if (!zone || chosen.name.includes(ZONE_WORD.exec(zone)![0])) return { region: chosen };
  return { region: chosen, zone };
}

/**
 * The region an agency belongs to, from the place names in its name (the most specific one, checked
 * against the names before it). Same-named places (朝阳区 in 北京 and 长春) are decided by how often the
 * agency and the document text mention each candidate's province and city. Without an agency, the
 * agency is read from the report title in `text`. Central agencies and names without a place give null.
 * A place one character off its GB/T 2260 name is resolved when unique (`corrected`); functional zones are
 * attached to the region holding them (`zone`, see functional-zones.ts).
 */
export function resolveRegion(input: { agency: string | null; text: string }): RegionResolution {
  const agency = cleanAgency(input.agency ?? extractTitleAgency(input.text) ?? "");
  if (!agency) return { region: null };
  const matches = findNameMatches(agency);
  let candidates = chainMatches(matches);
  const near = resolveNearMiss(agency, matches, candidates, input.text);
  if (near) candidates = [near.region];
  if (candidates.length === 0) return { region: null };
  const chosen = candidates.length === 1 ? candidates[0] : pickByMentions(candidates, `${agency}\n${input.text}`);
  if (!chosen) return { region: null, ambiguous: candidates.map((c) => c.code) };
  const { region, zone } = placeZone(chosen, agency, matches);
  return {
    region: { code: region.code, path: [...region.path] },
    ...(near ? { corrected: { printed: near.printed, name: near.region.name } } : {}),
    ...(zone ? { zone } : {}),
  };
}
