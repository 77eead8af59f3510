ALTER TABLE "report_values" ADD COLUMN "next_missing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "report_values_next_missing_idx" ON "report_values" USING btree ("year","agency_id") WHERE "report_values"."next_missing";--> statement-breakpoint
-- Flags for the reports already stored (lib/rollups/rollup-sql.ts buildNextMissingUpdate(true)).
update report_values set next_missing = (not exists (select 1 from report_values nx where nx.agency_id = report_values.agency_id and nx.year = report_values.year + 1)) where true and next_missing is distinct from (not exists (select 1 from report_values nx where nx.agency_id = report_values.agency_id and nx.year = report_values.year + 1));
