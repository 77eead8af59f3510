CREATE SEQUENCE "public"."rollup_pending_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "rollup_pending" (
	"agency_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "rollup_pending_agency_id_year_pk" PRIMARY KEY("agency_id","year")
);
--> statement-breakpoint
ALTER TABLE "rollup_pending" ADD CONSTRAINT "rollup_pending_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;