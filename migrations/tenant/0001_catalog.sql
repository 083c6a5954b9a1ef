CREATE TABLE `catalog_barcodes` (
	`code` text PRIMARY KEY NOT NULL,
	`variant_id` text NOT NULL,
	`pack_unit` text,
	`factor` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `catalog_barcodes_variant_idx` ON `catalog_barcodes` (`variant_id`);--> statement-breakpoint
CREATE TABLE `catalog_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `catalog_categories_parent_idx` ON `catalog_categories` (`parent_id`);--> statement-breakpoint
CREATE TABLE `catalog_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text,
	`r2_key` text NOT NULL,
	`status` text NOT NULL,
	`rows_total` integer DEFAULT 0 NOT NULL,
	`rows_done` integer DEFAULT 0 NOT NULL,
	`rows_failed` integer DEFAULT 0 NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`heartbeat_at` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_imports_idem_uq` ON `catalog_imports` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `catalog_media` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `catalog_media_product_idx` ON `catalog_media` (`product_id`);--> statement-breakpoint
CREATE TABLE `catalog_products` (
	`id` text PRIMARY KEY NOT NULL,
	`handle` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`brand` text,
	`category_id` text,
	`kind` text NOT NULL,
	`hsn_sac` text,
	`gst_rate_bp` integer DEFAULT 0 NOT NULL,
	`cess_rate_bp` integer DEFAULT 0 NOT NULL,
	`tax_inclusive` integer DEFAULT 1 NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`attributes` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_products_handle_uq` ON `catalog_products` (`handle`);--> statement-breakpoint
CREATE INDEX `catalog_products_category_idx` ON `catalog_products` (`category_id`);--> statement-breakpoint
CREATE TABLE `catalog_store_prices` (
	`store_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`price` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`store_id`, `variant_id`)
);
--> statement-breakpoint
CREATE INDEX `catalog_store_prices_variant_idx` ON `catalog_store_prices` (`variant_id`);--> statement-breakpoint
CREATE TABLE `catalog_variants` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`sku` text NOT NULL,
	`option_values` text DEFAULT '{}' NOT NULL,
	`barcode` text,
	`mrp` integer,
	`price` integer,
	`open_price` integer DEFAULT 0 NOT NULL,
	`stock_unit` text NOT NULL,
	`packs` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_variants_sku_uq` ON `catalog_variants` (`sku`);--> statement-breakpoint
CREATE INDEX `catalog_variants_product_idx` ON `catalog_variants` (`product_id`);