CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `snapshot_tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`region_code` text NOT NULL,
	`subscription_id` text,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `snapshot_tenants_subscription_idx` ON `snapshot_tenants` (`subscription_id`);--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`taken_at` integer NOT NULL,
	`tenant_count` integer NOT NULL,
	`change_count` integer DEFAULT 0 NOT NULL,
	`sync_run_id` integer
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`heartbeat_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`trigger` text NOT NULL,
	`mode` text,
	`instance` text NOT NULL,
	`tenants` integer,
	`tenants_read` integer DEFAULT 0 NOT NULL,
	`expected` integer,
	`requests` integer DEFAULT 0 NOT NULL,
	`retries` integer DEFAULT 0 NOT NULL,
	`rate_limited` integer DEFAULT 0 NOT NULL,
	`error` text,
	`snapshot_id` integer
);
--> statement-breakpoint
CREATE INDEX `sync_runs_outcome_idx` ON `sync_runs` (`outcome`);--> statement-breakpoint
CREATE TABLE `tenant_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`snapshot_id` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`tenant_name` text NOT NULL,
	`kind` text NOT NULL,
	`before` text,
	`after` text,
	`detected_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tenant_changes_tenant_idx` ON `tenant_changes` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `tenant_changes_kind_idx` ON `tenant_changes` (`kind`,`id`);--> statement-breakpoint
CREATE INDEX `tenant_changes_detected_idx` ON `tenant_changes` (`detected_at`);