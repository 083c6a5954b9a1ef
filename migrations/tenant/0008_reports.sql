CREATE TABLE `report_costs` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`document_id` text NOT NULL,
	`store_id` text NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`cost` integer NOT NULL,
	`day` text
);
--> statement-breakpoint
CREATE INDEX `report_costs_document_idx` ON `report_costs` (`document_id`);--> statement-breakpoint
CREATE INDEX `report_costs_day_cover_idx` ON `report_costs` (`day`,`store_id`,`sku`,`kind`,`cost`);--> statement-breakpoint
CREATE TABLE `report_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`report` text NOT NULL,
	`format` text NOT NULL,
	`r2_key` text NOT NULL,
	`rows` integer NOT NULL,
	`bytes` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_sale_docs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`sale_id` text NOT NULL,
	`store_id` text NOT NULL,
	`day` text NOT NULL,
	`issued_at` text NOT NULL,
	`number` text NOT NULL,
	`cashier` text NOT NULL,
	`customer_key` text,
	`customer_name` text,
	`supplier_gstin` text,
	`recipient_gstin` text,
	`supply_type` text NOT NULL,
	`place_of_supply` text,
	`inter_state` integer NOT NULL,
	`quantity` integer NOT NULL,
	`gross` integer NOT NULL,
	`discount` integer NOT NULL,
	`taxable` integer NOT NULL,
	`tax_total` integer NOT NULL,
	`line_total` integer NOT NULL,
	`cogs` integer DEFAULT 0 NOT NULL,
	`round_off` integer NOT NULL,
	`grand_total` integer NOT NULL,
	`original_id` text,
	`original_number` text,
	`original_day` text
);
--> statement-breakpoint
CREATE INDEX `report_sale_docs_day_cover_idx` ON `report_sale_docs` (`day`,`store_id`,`kind`,`cashier`,`customer_key`,`customer_name`,`quantity`,`gross`,`discount`,`taxable`,`tax_total`,`line_total`,`round_off`,`cogs`);--> statement-breakpoint
CREATE INDEX `report_sale_docs_source_idx` ON `report_sale_docs` (`source_id`);--> statement-breakpoint
CREATE INDEX `report_sale_docs_customer_idx` ON `report_sale_docs` (`customer_key`);--> statement-breakpoint
CREATE TABLE `report_sale_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`doc_id` text NOT NULL,
	`kind` text NOT NULL,
	`sale_id` text NOT NULL,
	`store_id` text NOT NULL,
	`day` text NOT NULL,
	`line_id` text NOT NULL,
	`sku` text NOT NULL,
	`variant_id` text,
	`category_id` text,
	`hsn` text,
	`uqc` text NOT NULL,
	`tax_rate_bp` integer NOT NULL,
	`cashier` text NOT NULL,
	`customer_key` text,
	`supply_type` text NOT NULL,
	`place_of_supply` text,
	`quantity` integer NOT NULL,
	`qty_units` integer NOT NULL,
	`qty_scale` integer NOT NULL,
	`gross` integer NOT NULL,
	`discount` integer NOT NULL,
	`taxable` integer NOT NULL,
	`cgst` integer NOT NULL,
	`sgst` integer NOT NULL,
	`utgst` integer NOT NULL,
	`igst` integer NOT NULL,
	`cess` integer NOT NULL,
	`vat` integer NOT NULL,
	`tax_total` integer NOT NULL,
	`line_total` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_sale_lines_day_cover_idx` ON `report_sale_lines` (`day`,`store_id`,`kind`,`sku`,`category_id`,`quantity`,`gross`,`discount`,`line_total`,`tax_total`,`taxable`);--> statement-breakpoint
CREATE INDEX `report_sale_lines_doc_idx` ON `report_sale_lines` (`doc_id`);--> statement-breakpoint
CREATE TABLE `report_tenders` (
	`id` text PRIMARY KEY NOT NULL,
	`doc_id` text NOT NULL,
	`kind` text NOT NULL,
	`store_id` text NOT NULL,
	`day` text NOT NULL,
	`type` text NOT NULL,
	`amount` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_tenders_day_cover_idx` ON `report_tenders` (`day`,`store_id`,`type`,`kind`,`amount`);