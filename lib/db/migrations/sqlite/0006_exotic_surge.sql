PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_annotation_version` (
	`id` integer PRIMARY KEY DEFAULT 1 NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_annotation_version`("id", "version") SELECT "id", "version" FROM `annotation_version`;--> statement-breakpoint
DROP TABLE `annotation_version`;--> statement-breakpoint
ALTER TABLE `__new_annotation_version` RENAME TO `annotation_version`;--> statement-breakpoint
PRAGMA foreign_keys=ON;