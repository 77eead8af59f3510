import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { byteaValue } from "./bytea";
import { CELLS } from "./cells";
import { ROLLUP_METRICS } from "./rollup-columns";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: byteaValue,
});

/** Bumped (nextval) by every change to reports, so caches keyed by it see ingests, reparses and deletions. */
export const datasetVersion = pgSequence("dataset_version_seq");

/** GB/T 2260 hierarchy: province (1) → prefecture (2) → county (3). */
export const regions = pgTable(
  "regions",
  {
    code: varchar("code", { length: 6 }).primaryKey(),
    name: text("name").notNull(),
    level: smallint("level").notNull(),
    parentCode: varchar("parent_code", { length: 6 }),
    /** Names from the province down, e.g. {黑龙江省,牡丹江市}. */
    path: text("path").array().notNull(),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode)],
);

export const agencies = pgTable(
  "agencies",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    normalizedName: text("normalized_name").notNull(),
    regionCode: varchar("region_code", { length: 6 }).references(() => regions.code),
    /** government | department | township | other */
    kind: varchar("kind", { length: 16 }).notNull().default("other"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("agencies_identity_uq").on(t.normalizedName, t.regionCode).nullsNotDistinct(),
    index("agencies_region_idx").on(t.regionCode),
  ],
);

/** Every document ever received, parsed or not, content-addressed by sha256. */
export const sourceDocuments = pgTable("source_documents", {
  id: serial("id").primaryKey(),
  sha256: varchar("sha256", { length: 64 }).notNull().unique(),
  content: bytea("content").notNull(),
  byteSize: integer("byte_size").notNull(),
  fileName: text("file_name"),
  mediaType: text("media_type"),
  encoding: text("encoding"),
  /** parsed | rejected */
  status: varchar("status", { length: 16 }).notNull(),
  errorCode: text("error_code"),
  errorMessage: text("error_message"),
  firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
  lastParsedAt: timestamp("last_parsed_at", { withTimezone: true }),
});

/** One version of one agency's report for one year; exactly one current version per agency-year. */
export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    year: smallint("year").notNull(),
    layout: varchar("layout", { length: 4 }),
    publishedAt: date("published_at"),
    /** Legal deadline for this agency kind and year (31 Jan departments, 31 Mar governments). */
    deadline: date("deadline"),
    isCurrent: boolean("is_current").notNull().default(true),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    sourceDocumentId: integer("source_document_id")
      .notNull()
      .references(() => sourceDocuments.id),
    /** The canonical JSON exactly as the parser produced it. */
    parsed: jsonb("parsed").notNull(),
    parserVersion: text("parser_version").notNull(),
    issueCount: integer("issue_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** True when no arithmetic (勾稽) check failed. */
    checksPassed: boolean("checks_passed").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reports_current_uq").on(t.agencyId, t.year).where(sql`${t.isCurrent}`),
    uniqueIndex("reports_document_uq").on(t.agencyId, t.year, t.sourceDocumentId),
    index("reports_year_idx").on(t.year),
    // "数据截至" on every chart caption: the latest import, read off this index once per dataset version.
    index("reports_created_idx").on(t.createdAt),
    index("reports_problem_idx")
      .on(t.year)
      .where(sql`${t.isCurrent} and (not ${t.checksPassed} or ${t.publishedAt} > ${t.deadline})`),
    // The data-quality panel (lib/queries/quality-agencies.ts): its first count, reports failing a check, read off
    // this small index; then the problem reports of its candidate agencies, index-only, off the next.
    index("reports_failing_idx")
      .on(t.agencyId, t.year, t.id, t.layout)
      .where(sql`${t.isCurrent} and not ${t.checksPassed}`),
    index("reports_problem_agency_idx")
      .on(t.agencyId, t.year, t.id, t.layout, t.checksPassed, t.publishedAt, t.deadline, t.issueCount)
      .where(
        sql`${t.isCurrent} and (not ${t.checksPassed} or ${t.publishedAt} > ${t.deadline} or ${t.issueCount} > 0)`,
      ),
  ],
);

const cellColumns = Object.fromEntries(
  CELLS.map((c) => [
    c.column,
    // Counts fit in integer (half the size of bigint at 1M rows, see docs/schema-decision.md); money is exact.
    c.kind === "money" ? numeric(c.column, { precision: 20, scale: 6, mode: "number" }) : integer(c.column),
  ]),
);

/**
 * Wide fact table: one row per current report, one typed column per table cell (see docs/schema-decision.md).
 * Region levels are denormalised so dashboard aggregates never join the region tree.
 */
export const reportValues = pgTable(
  "report_values",
  {
    reportId: integer("report_id")
      .primaryKey()
      .references(() => reports.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id").notNull(),
    year: smallint("year").notNull(),
    layout: varchar("layout", { length: 4 }),
    provinceCode: varchar("province_code", { length: 6 }),
    prefectureCode: varchar("prefecture_code", { length: 6 }),
    countyCode: varchar("county_code", { length: 6 }),
    agencyKind: varchar("agency_kind", { length: 16 }).notNull(),
    /** The agency has no current report for the next year (缺报 then); kept by lib/rollups/refresh-rollups.ts. */
    nextMissing: boolean("next_missing").notNull().default(false),
    ...cellColumns,
  },
  (t) => [
    index("report_values_year_province_idx").on(t.year, t.provinceCode),
    index("report_values_prefecture_idx").on(t.prefectureCode, t.year),
    index("report_values_county_idx").on(t.countyCode, t.year),
    index("report_values_agency_idx").on(t.agencyId, t.year),
    // Kind included: the data-quality panel counts 缺报 years per agency of one kind index-only.
    index("report_values_next_missing_idx").on(t.year, t.agencyId, t.agencyKind).where(sql`${t.nextMissing}`),
    // One rollup group's reports (lib/rollups/refresh-rollups.ts recomputes groups by this key).
    index("report_values_group_idx").on(
      sql`coalesce(${t.countyCode}, ${t.prefectureCode}, ${t.provinceCode}, '')`,
      t.year,
      t.agencyKind,
    ),
  ],
);

/** The quality counts both rollup tables carry per group. */
const rollupQualityColumns = () => ({
  reports: integer("reports").notNull(),
  timed: integer("timed").notNull(),
  onTime: integer("on_time").notNull(),
  checksPassed: integer("checks_passed").notNull(),
  issues: bigint("issues", { mode: "number" }).notNull(),
  /** Reports whose agency has no current report the next year (the next year's 缺报 count). */
  leavers: integer("leavers").notNull(),
});

const rollupMetricColumns = (sumsNotNull: boolean) =>
  Object.fromEntries(
    ROLLUP_METRICS.flatMap((m) => {
      const sum = (name: string) => {
        const column = m.money ? numeric(name) : bigint(name, { mode: "number" });
        return sumsNotNull ? column.notNull() : column;
      };
      return [[m.num, sum(m.num)], ...(m.den ? [[m.den, sum(m.den)]] : []), [m.n, integer(m.n).notNull()]];
    }),
  );

/**
 * Dashboard rollup: per (year, agency kind, the agency's own region, layout) the current reports' quality counts and
 * every cell metric's Σ numerator, Σ denominator and n, so aggregates above agency level equal the `report_values`
 * query exactly (see docs/schema-decision.md). Maintained by lib/rollups/refresh-rollups.ts.
 */
export const reportRollups = pgTable(
  "report_rollups",
  {
    year: smallint("year").notNull(),
    agencyKind: varchar("agency_kind", { length: 16 }).notNull(),
    /** coalesce(county, prefecture, province, ''): the agency's own region. */
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    layout: varchar("layout", { length: 4 }),
    provinceCode: varchar("province_code", { length: 6 }),
    prefectureCode: varchar("prefecture_code", { length: 6 }),
    countyCode: varchar("county_code", { length: 6 }),
    ...rollupQualityColumns(),
    ...rollupMetricColumns(false),
  },
  (t) => [
    unique("report_rollups_key_uq").on(t.year, t.agencyKind, t.regionCode, t.layout).nullsNotDistinct(),
    index("report_rollups_province_idx").on(t.provinceCode, t.year),
    index("report_rollups_prefecture_idx").on(t.prefectureCode, t.year),
    index("report_rollups_county_idx").on(t.countyCode, t.year),
  ],
);

export const reportIssues = pgTable(
  "report_issues",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    code: varchar("code", { length: 48 }).notNull(),
    severity: varchar("severity", { length: 8 }).notNull(),
    message: text("message").notNull(),
    cells: text("cells").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index("report_issues_report_idx").on(t.reportId), index("report_issues_code_idx").on(t.code)],
);
/**
 * `report_rollups` summed per province, for national views (~1,000 rows instead of ~70,000). Kept by commutative
 * deltas of the groups refreshRollups recomputes; sums are 0 where the fine rows are null, and `n` = 0 tells null.
 */
export const reportRollupsProvince = pgTable(
  "report_rollups_province",
  {
    year: smallint("year").notNull(),
    agencyKind: varchar("agency_kind", { length: 16 }).notNull(),
    provinceCode: varchar("province_code", { length: 6 }),
    layout: varchar("layout", { length: 4 }),
    ...rollupQualityColumns(),
    ...rollupMetricColumns(true),
  },
  (t) => [
    unique("report_rollups_province_key_uq").on(t.year, t.agencyKind, t.provinceCode, t.layout).nullsNotDistinct(),
  ],
);

/**
 * (agency, year) pairs whose rollup groups still have to be recomputed: ingestion marks them in its document's
 * transaction and `drainPendingRollups` recomputes them in batches (before any dashboard read and at the end of a
 * batch). `seq` changes on every mark, so a drain deletes only the marks it has seen.
 */
export const rollupPendingSeq = pgSequence("rollup_pending_seq");
export const rollupPending = pgTable(
  "rollup_pending",
  {
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

/**
 * A view frozen for a share link (/s/<id>): the page's URL state and the exact chart tables it showed, computed at
 * share time under the sharer's scope. The database keeps no old aggregates, so the tables are the only record.
 */
export const sharedViews = pgTable("shared_views", {
  /** The link's token: 18 random bytes in base64url, unguessable. */
  id: text("id").primaryKey(),
  /** No foreign key: a link (like the audit trail) outlives the account; the viewer's own scope is what is checked. */
  createdBy: text("created_by").notNull(),
  createdByName: text("created_by_name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** The live page of the view ("/") and its canonical query string (filters, view params, table views). */
  path: text("path").notNull(),
  search: text("search").notNull(),
  /** The region the view's data lies in (null: 全国); a viewer's scope must cover it. */
  regionCode: varchar("region_code", { length: 6 }),
  /** The sharer's scope when the tables were computed. */
  scope: jsonb("scope").notNull(),
  datasetVersion: varchar("dataset_version", { length: 24 }).notNull(),
  /** What the page shows besides its charts (region name and level, breadcrumbs, region options, years). */
  page: jsonb("page").notNull(),
  /** Each chart of the view: its id, the params and query string the page fetched it with, and its table. */
  tables: jsonb("tables").notNull(),
});

export * from "./auth-schema";
