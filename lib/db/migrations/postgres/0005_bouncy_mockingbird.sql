CREATE TABLE "alert_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"rule_name" text NOT NULL,
	"channel_index" integer NOT NULL,
	"channel_id" text NOT NULL,
	"channel_type" text NOT NULL,
	"channel_label" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"event_count" integer NOT NULL,
	"payload" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint,
	"last_error" text,
	"sent_at" bigint,
	"created_at" bigint NOT NULL,
	"attempt_log" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"event_key" text NOT NULL,
	"snapshot_id" integer,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"trigger" text NOT NULL,
	"channels" text NOT NULL,
	"digest" boolean NOT NULL,
	"enabled" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alert_deliveries_rule_idx" ON "alert_deliveries" USING btree ("rule_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_notifications_event_idx" ON "alert_notifications" USING btree ("rule_id","tenant_id","event_key");