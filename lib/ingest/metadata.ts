import { findRegionByCode, resolveRegion } from "@/lib/regions";
import type { ParsedReport } from "@/lib/report/schema";

/** Metadata supplied with a document (manifest.csv or flags); it wins over what the parser inferred. */
export type DocumentMetadata = { agency?: string; regionCode?: string; year?: number; publishedAt?: string };

/** Per field, what the parser had read and what the metadata gave (kept on the report as `metadataOverrides`). */
export type MetadataOverrides = Record<string, { parsed: unknown; given: unknown }>;

const FIELD_LABELS: Record<keyof DocumentMetadata, string> = {
  agency: "机关名称",
  regionCode: "地区代码",
  year: "报告年度",
  publishedAt: "发布日期",
};

/** Issues about a field the parser could not read, which a given value settles. */
const SETTLED_BY: Record<keyof DocumentMetadata, readonly string[]> = {
  agency: ["AGENCY_UNKNOWN"],
  year: ["YEAR_UNKNOWN", "YEAR_GUESSED"],
  publishedAt: ["PUBLISHED_AT_UNKNOWN", "PUBLISHED_AT_FROM_FILE"],
  regionCode: ["REGION_UNRESOLVED"],
};

/** Applies explicit metadata and records, per field, what the parser had read (`metadataOverrides`). */
export function applyMetadata(report: ParsedReport, metadata: DocumentMetadata): ParsedReport {
  const next: ParsedReport & { metadataOverrides?: MetadataOverrides } = {
    ...report,
    issues: [...report.issues],
  };
  const overrides: MetadataOverrides = {};
  const note = (field: keyof DocumentMetadata, parsed: unknown, given: unknown) => {
    overrides[field] = { parsed, given };
    if (parsed !== null && parsed !== undefined && parsed !== given) {
      next.issues.push({
        code: "METADATA_OVERRIDDEN",
        severity: "info",
        message: `${FIELD_LABELS[field]}采用导入清单提供的“${given}”，文档中识别为“${parsed}”。`,
        cells: [],
      });
    }
  };
  if (metadata.agency) {
    note("agency", report.agency, metadata.agency);
    next.agency = metadata.agency;
  }
  if (metadata.year) {
    note("year", report.year, metadata.year);
    next.year = metadata.year;
  }
  if (metadata.publishedAt) {
    note("publishedAt", report.publishedAt ?? null, metadata.publishedAt);
    next.publishedAt = metadata.publishedAt;
  }
  let regionSettled = false;
  if (metadata.regionCode) {
    const region = findRegionByCode(metadata.regionCode);
    if (region) {
      note("regionCode", report.region?.code ?? null, region.code);
      next.region = { code: region.code, path: region.path };
      regionSettled = true;
    }
  } else if (metadata.agency && metadata.agency !== report.agency) {
    // The region was placed from the name the parser read; the given name places it instead when it can.
    const resolved = resolveRegion({ agency: metadata.agency, text: "" });
    if (resolved.region) {
      next.region = resolved.region;
      regionSettled = true;
    }
  }
  const settled = new Set(
    (Object.keys(SETTLED_BY) as (keyof DocumentMetadata)[])
      .filter((field) => (field === "regionCode" ? regionSettled : metadata[field]))
      .flatMap((field) => SETTLED_BY[field]),
  );
  next.issues = next.issues.filter((issue) => !settled.has(issue.code));
  next.metadataOverrides = overrides;
  return next;
}

/** The metadata a report was given, read back from its `metadataOverrides`; undefined when it was given none. */
export function readGivenMetadata(
  overrides: Partial<MetadataOverrides> | null | undefined,
): DocumentMetadata | undefined {
  if (!overrides) return undefined;
  return {
    agency: overrides.agency?.given as string | undefined,
    year: overrides.year?.given as number | undefined,
    publishedAt: overrides.publishedAt?.given as string | undefined,
    regionCode: overrides.regionCode?.given as string | undefined,
  };
}
