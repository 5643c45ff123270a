CREATE TABLE "annotation_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_labels" (
	"subscription_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"customer_ref" text,
	"updated_at" bigint NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_annotations" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"owner" text,
	"tags" text NOT NULL,
	"note" text,
	"updated_at" bigint NOT NULL,
	"updated_by" text NOT NULL
);
