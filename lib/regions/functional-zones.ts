/**
 * Functional zones (综合实验区, 新区, 开发区, 高新区, 片区管理局…) are not GB/T 2260 regions, except the few that are
 * districts (浦东新区, 滨海新区). An agency in one is attached to the region its name places the zone in: the
 * place named before the zone word (平潭综合实验区 → 平潭县, 苏州高新区 → 苏州市), and a statistical zone code
 * (xxxx7x, 淮安经济技术开发区) to its city. The resolution names the zone, and the parser says so in an info issue.
 */
export const ZONE_WORD =
  /综合实验区|经济技术开发区|高新技术产业开发区|高新技术开发区|经济开发区|开发区|高新区|经开区|新区|实验区|示范区|试验区|工业园区|产业园区|园区|片区|保税区|管理区|新城|自贸区/;

/** A statistical functional-zone code (county digits 7x), not an administrative unit. */
export function isZoneCode(code: string): boolean {
  return /^\d{4}7\d$/.test(code);
}

/** The zone an agency name names ("平潭综合实验区管委会" → "平潭综合实验区"), starting at `placeStart`; null if none. */
export function findZoneName(agency: string, placeStart: number): string | null {
  const m = ZONE_WORD.exec(agency.slice(placeStart));
  return m ? agency.slice(placeStart, placeStart + m.index + m[0].length) : null;
}
