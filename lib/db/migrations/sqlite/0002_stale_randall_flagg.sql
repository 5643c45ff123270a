CREATE TABLE `session_revocations` (
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`revoked_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `subject`)
);
--> statement-breakpoint
CREATE INDEX `session_revocations_expires_idx` ON `session_revocations` (`expires_at`);