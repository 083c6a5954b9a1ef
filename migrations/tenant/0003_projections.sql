CREATE TABLE `processed_events` (
	`key` text PRIMARY KEY NOT NULL,
	`processed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stock_levels` (
	`store_id` text NOT NULL,
	`sku` text NOT NULL,
	`batch` text DEFAULT '' NOT NULL,
	`on_hand` integer NOT NULL,
	`value` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`store_id`, `sku`, `batch`)
);
--> statement-breakpoint
CREATE INDEX `stock_levels_sku_idx` ON `stock_levels` (`sku`);