CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"details" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshot_tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"region_code" text NOT NULL,
	"subscription_id" text,
	"data" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"taken_at" bigint NOT NULL,
	"tenant_count" integer NOT NULL,
	"change_count" integer DEFAULT 0 NOT NULL,
	"sync_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"started_at" bigint NOT NULL,
	"finished_at" bigint,
	"heartbeat_at" bigint NOT NULL,
	"outcome" text NOT NULL,
	"trigger" text NOT NULL,
	"mode" text,
	"instance" text NOT NULL,
	"tenants" integer,
	"tenants_read" integer DEFAULT 0 NOT NULL,
	"expected" integer,
	"requests" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"rate_limited" integer DEFAULT 0 NOT NULL,
	"error" text,
	"snapshot_id" integer
);
--> statement-breakpoint
CREATE TABLE "tenant_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"snapshot_id" integer NOT NULL,
	"tenant_id" text NOT NULL,
	"tenant_name" text NOT NULL,
	"kind" text NOT NULL,
	"before" text,
	"after" text,
	"detected_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "snapshot_tenants_subscription_idx" ON "snapshot_tenants" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "sync_runs_outcome_idx" ON "sync_runs" USING btree ("outcome");--> statement-breakpoint
CREATE INDEX "tenant_changes_tenant_idx" ON "tenant_changes" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "tenant_changes_kind_idx" ON "tenant_changes" USING btree ("kind","id");--> statement-breakpoint
CREATE INDEX "tenant_changes_detected_idx" ON "tenant_changes" USING btree ("detected_at");