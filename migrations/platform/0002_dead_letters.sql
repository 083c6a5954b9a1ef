CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`event_id` text,
	`tenant_id` text,
	`type` text,
	`body` text NOT NULL,
	`reason` text NOT NULL,
	`state` text NOT NULL,
	`last_error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`deaths` integer DEFAULT 0 NOT NULL,
	`last_message_id` text,
	`redrives` integer DEFAULT 0 NOT NULL,
	`first_failed_at` text NOT NULL,
	`last_failed_at` text NOT NULL,
	`last_dead_at` text,
	`redriven_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dead_letters_dedupe_uq` ON `dead_letters` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `dead_letters_state_idx` ON `dead_letters` (`state`,`tenant_id`);