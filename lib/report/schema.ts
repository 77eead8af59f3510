import { z } from "zod";

/** Canonical JSON of one parsed report — see ../shared/report-model.md (a public interface). */

export const LAYOUTS = ["2019", "2021"] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Table A rows and, per layout, the columns each row has. */
export const ACTIVE_ROWS = {
  rules: {
    label: "规章",
    columns: { "2019": ["made", "newlyPublished", "totalPublished"], "2021": ["made", "repealed", "inForce"] },
  },
  normativeDocs: {
    label: "行政规范性文件",
    columns: { "2019": ["made", "newlyPublished", "totalPublished"], "2021": ["made", "repealed", "inForce"] },
  },
  licensing: { label: "行政许可", columns: { "2019": ["previous", "change", "decisions"], "2021": ["decisions"] } },
  otherServices: {
    label: "其他对外管理服务事项",
    columns: { "2019": ["previous", "change", "decisions"], "2021": [] },
  },
  penalty: { label: "行政处罚", columns: { "2019": ["previous", "change", "decisions"], "2021": ["decisions"] } },
  coercion: { label: "行政强制", columns: { "2019": ["previous", "change", "decisions"], "2021": ["decisions"] } },
  fees: { label: "行政事业性收费", columns: { "2019": ["previous", "change"], "2021": ["amount"] } },
  procurement: { label: "政府集中采购", columns: { "2019": ["count", "amount"], "2021": [] } },
} as const satisfies Record<string, { label: string; columns: Record<Layout, readonly string[]> }>;
export type ActiveRowKey = keyof typeof ACTIVE_ROWS;
export const ACTIVE_ROW_KEYS = Object.keys(ACTIVE_ROWS) as ActiveRowKey[];

/** Table B applicant columns, in printed order. */
export const APPLICANT_COLUMNS = [
  "natural",
  "commercial",
  "research",
  "nonprofit",
  "legal",
  "otherOrg",
  "total",
] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];
export const APPLICANT_COLUMN_LABELS: Record<ApplicantColumn, string> = {
  natural: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  nonprofit: "社会公益组织",
  legal: "法律服务机构",
  otherOrg: "其他",
  total: "总计",
};

/** Table B rows in printed order, with the layouts that have each. */
export const APPLICATION_ROWS = {
  received: { label: "一、本年新收政府信息公开申请数量", layouts: ["2019", "2021"] },
  carriedOver: { label: "二、上年结转政府信息公开申请数量", layouts: ["2019", "2021"] },
  granted: { label: "（一）予以公开", layouts: ["2019", "2021"] },
  partial: { label: "（二）部分公开", layouts: ["2019", "2021"] },
  deniedStateSecret: { label: "（三）不予公开 1.属于国家秘密", layouts: ["2019", "2021"] },
  deniedLawProhibited: { label: "（三）不予公开 2.其他法律行政法规禁止公开", layouts: ["2019", "2021"] },
  deniedSecurityStability: { label: "（三）不予公开 3.危及“三安全一稳定”", layouts: ["2019", "2021"] },
  deniedThirdParty: { label: "（三）不予公开 4.保护第三方合法权益", layouts: ["2019", "2021"] },
  deniedInternalAffairs: { label: "（三）不予公开 5.属于三类内部事务信息", layouts: ["2019", "2021"] },
  deniedProcessInfo: { label: "（三）不予公开 6.属于四类过程性信息", layouts: ["2019", "2021"] },
  deniedEnforcementFile: { label: "（三）不予公开 7.属于行政执法案卷", layouts: ["2019", "2021"] },
  deniedAdminQuery: { label: "（三）不予公开 8.属于行政查询事项", layouts: ["2019", "2021"] },
  unableNotHeld: { label: "（四）无法提供 1.本机关不掌握相关政府信息", layouts: ["2019", "2021"] },
  unableNeedsCreation: { label: "（四）无法提供 2.没有现成信息需要另行制作", layouts: ["2019", "2021"] },
  unableUnclear: { label: "（四）无法提供 3.补正后申请内容仍不明确", layouts: ["2019", "2021"] },
  notHandledComplaint: { label: "（五）不予处理 1.信访举报投诉类申请", layouts: ["2019", "2021"] },
  notHandledRepeated: { label: "（五）不予处理 2.重复申请", layouts: ["2019", "2021"] },
  notHandledPublication: { label: "（五）不予处理 3.要求提供公开出版物", layouts: ["2019", "2021"] },
  notHandledExcessive: { label: "（五）不予处理 4.无正当理由大量反复申请", layouts: ["2019", "2021"] },
  notHandledConfirmation: { label: "（五）不予处理 5.要求行政机关确认或重新出具已获取信息", layouts: ["2019", "2021"] },
  otherHandling: { label: "（六）其他处理", layouts: ["2019"] },
  otherNoCorrection: {
    label: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    layouts: ["2021"],
  },
  otherUnpaidFee: {
    label: "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    layouts: ["2021"],
  },
  otherOther: { label: "（六）其他处理 3.其他", layouts: ["2021"] },
  processedTotal: { label: "（七）总计", layouts: ["2019", "2021"] },
  carriedForward: { label: "四、结转下年度继续办理", layouts: ["2019", "2021"] },
} as const satisfies Record<string, { label: string; layouts: readonly Layout[] }>;
export type ApplicationRowKey = keyof typeof APPLICATION_ROWS;
export const APPLICATION_ROW_KEYS = Object.keys(APPLICATION_ROWS) as ApplicationRowKey[];
/** The 2021 rows that break （六）其他处理 down; the 2019 layout prints it as the single row `otherHandling`. */
export const OTHER_HANDLING_SUB_ROWS: readonly ApplicationRowKey[] = [
  "otherNoCorrection",
  "otherUnpaidFee",
  "otherOther",
];
/** Rows whose sum is （七）总计. */
export const OUTCOME_ROW_KEYS = APPLICATION_ROW_KEYS.filter(
  (k) => !["received", "carriedOver", "processedTotal", "carriedForward"].includes(k),
) as ApplicationRowKey[];

/** Table C headings as printed: 行政复议, and 行政诉讼 over its two sub-headings. */
export const REVIEW_GROUP_LABEL = "行政复议";
export const LITIGATION_GROUP_LABEL = "行政诉讼";
export const LITIGATION_SUB_LABELS = {
  litigationDirect: "未经复议直接起诉",
  litigationAfterReview: "复议后起诉",
} as const;

/** Table C blocks, each named as the table heads it, and their columns. */
export const REVIEW_BLOCKS = {
  review: REVIEW_GROUP_LABEL,
  litigationDirect: `${LITIGATION_GROUP_LABEL}（${LITIGATION_SUB_LABELS.litigationDirect}）`,
  litigationAfterReview: `${LITIGATION_GROUP_LABEL}（${LITIGATION_SUB_LABELS.litigationAfterReview}）`,
} as const;
export type ReviewBlockKey = keyof typeof REVIEW_BLOCKS;
export const REVIEW_BLOCK_KEYS = Object.keys(REVIEW_BLOCKS) as ReviewBlockKey[];
export const REVIEW_COLUMNS = ["upheld", "corrected", "other", "pending", "total"] as const;
export type ReviewColumn = (typeof REVIEW_COLUMNS)[number];
export const REVIEW_COLUMN_LABELS: Record<ReviewColumn, string> = {
  upheld: "结果维持",
  corrected: "结果纠正",
  other: "其他结果",
  pending: "尚未审结",
  total: "总计",
};

/** A cell value: a number as printed (money in 万元), or null when present but unresolved. */
const cell = z.number().nullable();

export const activeSchema = z
  .object(Object.fromEntries(ACTIVE_ROW_KEYS.map((k) => [k, z.record(z.string(), cell).optional()])))
  .partial();
export const applicationRowSchema = z.object(
  Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, cell.optional()])) as Record<
    ApplicantColumn,
    z.ZodOptional<typeof cell>
  >,
);
export const applicationsSchema = z
  .object(Object.fromEntries(APPLICATION_ROW_KEYS.map((k) => [k, applicationRowSchema.optional()])))
  .partial();
export const reviewBlockSchema = z.object(
  Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, cell.optional()])) as Record<
    ReviewColumn,
    z.ZodOptional<typeof cell>
  >,
);

export const ISSUE_SEVERITIES = ["error", "warning", "info"] as const;
export const issueSchema = z.object({
  /** Stable identifier, e.g. MISSING_ROW, SUM_MISMATCH, LATE_PUBLICATION. */
  code: z.string(),
  severity: z.enum(ISSUE_SEVERITIES),
  /** Chinese, for supervisors. */
  message: z.string(),
  /** Cell paths such as "applications.received.total" or "active.licensing.change". */
  cells: z.array(z.string()).default([]),
  /** Extra structured detail (e.g. candidate splits, expected vs printed). */
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type ParseIssue = z.infer<typeof issueSchema>;

export const AGENCY_KINDS = ["government", "department", "township", "other"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  government: "本级人民政府",
  department: "政府部门",
  township: "乡镇（街道）",
  other: "其他机关",
};

export const regionRefSchema = z.object({ code: z.string(), path: z.array(z.string()) });
export type RegionRef = z.infer<typeof regionRefSchema>;
export type RegionResolution = {
  region: RegionRef | null;
  /** Candidate codes when the agency names a place that exists more than once and nothing decides. */
  ambiguous?: string[];
  /** A place name in the agency one character off the GB/T 2260 name it was resolved to ("雎宁县" for 睢宁县). */
  corrected?: { printed: string; name: string };
  /** The functional zone (开发区, 新区…) the agency sits in, attached to `region`: no GB/T 2260 region itself. */
  zone?: string;
};

export const parsedReportSchema = z.object({
  agency: z.string().nullable(),
  year: z.number().int().nullable(),
  publishedAt: z.string().nullable().optional(),
  format: z.enum(LAYOUTS).nullable(),
  region: regionRefSchema.nullable().optional(),
  agencyKind: z.enum(AGENCY_KINDS).optional(),
  active: activeSchema,
  applications: applicationsSchema,
  review: reviewBlockSchema.partial().optional(),
  litigationDirect: reviewBlockSchema.partial().optional(),
  litigationAfterReview: reviewBlockSchema.partial().optional(),
  issues: z.array(issueSchema),
  /** How the document was read: shape (html/text/pdf/docx/markdown/ocr), detected encoding, media type. */
  source: z
    .object({
      shape: z.string(),
      encoding: z.string().nullable().optional(),
      mediaType: z.string().nullable().optional(),
      /** A scan read by OCR: the engine, and each page's normalised image (issue boxes are in its pixels). */
      ocr: z
        .object({
          engine: z.string(),
          pages: z.array(
            z.object({
              page: z.number().int(),
              width: z.number(),
              height: z.number(),
              skew: z.number(),
              ms: z.number(),
            }),
          ),
        })
        .optional(),
    })
    .optional(),
});
export type ParsedReport = z.infer<typeof parsedReportSchema>;
export type ApplicationRow = z.infer<typeof applicationRowSchema>;
export type ReviewBlock = z.infer<typeof reviewBlockSchema>;
