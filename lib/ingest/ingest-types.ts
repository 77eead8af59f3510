import type { DocumentMetadata } from "./metadata";

export type IngestInput = { bytes: Uint8Array; fileName?: string; mediaType?: string; metadata?: DocumentMetadata };

export type IngestOutcome =
  | {
      status: "new" | "updated" | "unchanged";
      reportId: number;
      agencyId: number;
      agency: string;
      year: number;
      issueCount: number;
      /** Pages read by OCR when the document was a scan or an image. */
      ocrPages?: number;
    }
  | { status: "rejected"; code: string; reason: string };

/** The agency row a report belongs to, as stored (its kind is the stored one, which decides the deadline). */
export type StoredAgency = { id: number; kind: string };
