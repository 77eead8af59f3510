CREATE TABLE "shared_views" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"path" text NOT NULL,
	"search" text NOT NULL,
	"region_code" varchar(6),
	"scope" jsonb NOT NULL,
	"dataset_version" varchar(24) NOT NULL,
	"page" jsonb NOT NULL,
	"tables" jsonb NOT NULL
);
