import "server-only";
import { normaliseAgencyName } from "@/lib/report/agency-name";
import type { ParsedReport } from "@/lib/report/schema";
import { hashBytes } from "./hash-bytes";
import type { IngestInput } from "./ingest-types";
import { type ParseRejection, parseForIngest } from "./parse-pool-task";

export type PreparedDocument = {
  input: IngestInput;
  digest: string;
  parsed: ParsedReport | ParseRejection;
  /** Documents with the same key must be stored in batch order (same agency-year, or same bytes). */
  orderKey: string;
};

/** A document with its parse result (from a parse-pool worker or in-process) and its ordering key. */
export function prepareParsedDocument(
  input: IngestInput,
  digest: string,
  parsed: ParsedReport | ParseRejection,
): PreparedDocument {
  const orderKey =
    "issues" in parsed
      ? `${normaliseAgencyName(parsed.agency!)}|${parsed.region?.code ?? ""}|${parsed.year}`
      : `sha:${digest}`;
  return { input, digest, parsed, orderKey };
}

/** The CPU half of an ingest: hash and parse, no database. */
export async function prepareDocument(input: IngestInput): Promise<PreparedDocument> {
  return prepareParsedDocument(input, hashBytes(input.bytes), await parseForIngest(input));
}
