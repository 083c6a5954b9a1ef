CREATE TABLE `stock_settings` (
	`scope` text PRIMARY KEY NOT NULL,
	`valuation` text DEFAULT 'fifo' NOT NULL,
	`allow_negative_stock` integer DEFAULT 0 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` text
);
