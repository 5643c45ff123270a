CREATE TABLE `shares` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`name` text NOT NULL,
	`view` text NOT NULL,
	`columns` text NOT NULL,
	`access` text NOT NULL,
	`allow_export` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_by_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_opened_at` integer,
	`opens` integer DEFAULT 0 NOT NULL,
	`exports` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shares_token_hash_idx` ON `shares` (`token_hash`);--> statement-breakpoint
CREATE INDEX `shares_created_by_idx` ON `shares` (`created_by`,`created_at`);