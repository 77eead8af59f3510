DROP INDEX "reports_problem_rank_idx";--> statement-breakpoint
DROP INDEX "report_values_next_missing_idx";--> statement-breakpoint
CREATE INDEX "reports_failing_idx" ON "reports" USING btree ("agency_id","year","id","layout") WHERE "reports"."is_current" and not "reports"."checks_passed";--> statement-breakpoint
CREATE INDEX "reports_problem_agency_idx" ON "reports" USING btree ("agency_id","year","id","layout","checks_passed","published_at","deadline","issue_count") WHERE "reports"."is_current" and (not "reports"."checks_passed" or "reports"."published_at" > "reports"."deadline" or "reports"."issue_count" > 0);--> statement-breakpoint
CREATE INDEX "report_values_next_missing_idx" ON "report_values" USING btree ("year","agency_id","agency_kind") WHERE "report_values"."next_missing";