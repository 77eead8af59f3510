import { resolveRegion } from "@/lib/regions";
import { type ParseOptions, parseReport } from "@/lib/report/parse-report";
import type { ParsedReport } from "@/lib/report/schema";

/**
 * `parseReport` with the agency's region resolved against the built-in GB/T 2260 tree: what ingestion, the CLI and
 * the tests parse with. No `server-only`: CLI scripts and parse-pool workers load it without the react-server condition.
 */
export function parseDocument(
  bytes: Uint8Array,
  opts: Omit<ParseOptions, "resolveRegion"> = {},
): Promise<ParsedReport> {
  return parseReport(bytes, { ...opts, resolveRegion });
}
