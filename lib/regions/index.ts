export { type AgencyKind, classifyAgencyKind, normaliseAgencyName } from "./agency-name";
export {
  childrenOf,
  describeRegion,
  findRegionByCode,
  listRegions,
  type Region,
  type RegionLevel,
} from "./region-tree";
export { extractTitleAgency, type RegionRef, type RegionResolution, resolveRegion } from "./resolve-region";
export { deriveShortName } from "./short-names";
