CREATE TABLE `scheduled_runs` (
	`job` text NOT NULL,
	`scope` text NOT NULL,
	`day` text NOT NULL,
	`result` text,
	`ran_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`job`, `scope`, `day`)
);
--> statement-breakpoint
CREATE TABLE `report_stock_moves` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`sku` text NOT NULL,
	`batch` text NOT NULL,
	`kind` text NOT NULL,
	`qty` integer NOT NULL,
	`cost_total` integer,
	`day` text NOT NULL,
	`posted_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_stock_moves_cover_idx` ON `report_stock_moves` (`store_id`,`sku`,`day`,`kind`,`qty`);