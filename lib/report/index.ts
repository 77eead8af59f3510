export { REPORT_ERROR_CODES, type ReportErrorCode, ReportParseError } from "./errors";
export { DEFAULT_TIMEOUT_MS, type ParseOptions, parseReport } from "./parse-report";
export * from "./schema";
