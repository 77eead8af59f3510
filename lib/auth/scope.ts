/** The region subtree a session may see (`scopeOfUser` in ./roles): everything, or the listed regions and below. */
export type Scope = { regionCodes: readonly string[] } | "all";
