CREATE TABLE `alert_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` text NOT NULL,
	`rule_name` text NOT NULL,
	`channel_index` integer NOT NULL,
	`channel_id` text NOT NULL,
	`channel_type` text NOT NULL,
	`channel_label` text NOT NULL,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`event_count` integer NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`attempt_log` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_due_idx` ON `alert_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_rule_idx` ON `alert_deliveries` (`rule_id`,`id`);--> statement-breakpoint
CREATE TABLE `alert_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`event_key` text NOT NULL,
	`snapshot_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_notifications_event_idx` ON `alert_notifications` (`rule_id`,`tenant_id`,`event_key`);--> statement-breakpoint
CREATE TABLE `alert_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`scope` text NOT NULL,
	`trigger` text NOT NULL,
	`channels` text NOT NULL,
	`digest` integer NOT NULL,
	`enabled` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
