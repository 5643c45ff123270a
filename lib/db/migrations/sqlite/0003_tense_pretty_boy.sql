CREATE TABLE `limiter_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `limiter_failures_key_idx` ON `limiter_failures` (`scope`,`key`,`at`);--> statement-breakpoint
CREATE INDEX `limiter_failures_at_idx` ON `limiter_failures` (`scope`,`at`);--> statement-breakpoint
CREATE TABLE `limiter_streaks` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`failures` integer NOT NULL,
	`last_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `limiter_streaks_last_idx` ON `limiter_streaks` (`scope`,`last_at`);