export { REPORT_ERROR_CODES, type ReportErrorCode, ReportParseError } from "./errors";
export { DEFAULT_TIMEOUT_MS, type ParseOptions, parseReport, type RegionResolver } from "./parse-report";
export * from "./schema";
