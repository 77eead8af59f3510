import { findRegionByCode } from "@/lib/regions";
import type { ParsedReport } from "@/lib/report/schema";

/** Metadata supplied with a document (manifest.csv or flags); it wins over what the parser inferred. */
export type DocumentMetadata = { agency?: string; regionCode?: string; year?: number; publishedAt?: string };

const FIELD_LABELS: Record<keyof DocumentMetadata, string> = {
  agency: "机关名称",
  regionCode: "地区代码",
  year: "报告年度",
  publishedAt: "发布日期",
};

/** Applies explicit metadata and records, per field, what the parser had read (`metadataOverrides`). */
export function applyMetadata(report: ParsedReport, metadata: DocumentMetadata): ParsedReport {
  const next: ParsedReport & { metadataOverrides?: Record<string, { parsed: unknown; given: unknown }> } = {
    ...report,
    issues: [...report.issues],
  };
  const overrides: Record<string, { parsed: unknown; given: unknown }> = {};
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
  if (metadata.regionCode) {
    const region = findRegionByCode(metadata.regionCode);
    if (region) {
      note("regionCode", report.region?.code ?? null, region.code);
      next.region = { code: region.code, path: region.path };
    }
  }
  next.metadataOverrides = overrides;
  return next;
}
