export { listRegionNodes } from "./region-nodes";
export {
  childrenOf,
  describeRegion,
  findRegionByCode,
  listRegions,
  type Region,
  type RegionLevel,
} from "./region-tree";
export { extractTitleAgency, resolveRegion } from "./resolve-region";
export { deriveShortName } from "./short-names";
