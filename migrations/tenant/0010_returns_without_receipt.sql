CREATE TABLE `__new_report_sale_docs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`sale_id` text,
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
INSERT INTO `__new_report_sale_docs`("id", "kind", "source_id", "sale_id", "store_id", "day", "issued_at", "number", "cashier", "customer_key", "customer_name", "supplier_gstin", "recipient_gstin", "supply_type", "place_of_supply", "inter_state", "quantity", "gross", "discount", "taxable", "tax_total", "line_total", "cogs", "round_off", "grand_total", "original_id", "original_number", "original_day") SELECT "id", "kind", "source_id", "sale_id", "store_id", "day", "issued_at", "number", "cashier", "customer_key", "customer_name", "supplier_gstin", "recipient_gstin", "supply_type", "place_of_supply", "inter_state", "quantity", "gross", "discount", "taxable", "tax_total", "line_total", "cogs", "round_off", "grand_total", "original_id", "original_number", "original_day" FROM `report_sale_docs`;--> statement-breakpoint
DROP TABLE `report_sale_docs`;--> statement-breakpoint
ALTER TABLE `__new_report_sale_docs` RENAME TO `report_sale_docs`;--> statement-breakpoint
CREATE INDEX `report_sale_docs_day_cover_idx` ON `report_sale_docs` (`day`,`store_id`,`kind`,`cashier`,`customer_key`,`customer_name`,`quantity`,`gross`,`discount`,`taxable`,`tax_total`,`line_total`,`round_off`,`cogs`);--> statement-breakpoint
CREATE INDEX `report_sale_docs_source_idx` ON `report_sale_docs` (`source_id`);--> statement-breakpoint
CREATE INDEX `report_sale_docs_customer_idx` ON `report_sale_docs` (`customer_key`);--> statement-breakpoint
CREATE TABLE `__new_report_sale_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`doc_id` text NOT NULL,
	`kind` text NOT NULL,
	`sale_id` text,
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
INSERT INTO `__new_report_sale_lines`("id", "doc_id", "kind", "sale_id", "store_id", "day", "line_id", "sku", "variant_id", "category_id", "hsn", "uqc", "tax_rate_bp", "cashier", "customer_key", "supply_type", "place_of_supply", "quantity", "qty_units", "qty_scale", "gross", "discount", "taxable", "cgst", "sgst", "utgst", "igst", "cess", "vat", "tax_total", "line_total") SELECT "id", "doc_id", "kind", "sale_id", "store_id", "day", "line_id", "sku", "variant_id", "category_id", "hsn", "uqc", "tax_rate_bp", "cashier", "customer_key", "supply_type", "place_of_supply", "quantity", "qty_units", "qty_scale", "gross", "discount", "taxable", "cgst", "sgst", "utgst", "igst", "cess", "vat", "tax_total", "line_total" FROM `report_sale_lines`;--> statement-breakpoint
DROP TABLE `report_sale_lines`;--> statement-breakpoint
ALTER TABLE `__new_report_sale_lines` RENAME TO `report_sale_lines`;--> statement-breakpoint
CREATE INDEX `report_sale_lines_day_cover_idx` ON `report_sale_lines` (`day`,`store_id`,`kind`,`sku`,`category_id`,`quantity`,`gross`,`discount`,`line_total`,`tax_total`,`taxable`);--> statement-breakpoint
CREATE INDEX `report_sale_lines_doc_idx` ON `report_sale_lines` (`doc_id`);--> statement-breakpoint
CREATE TABLE `__new_invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`store_id` text NOT NULL,
	`sale_id` text,
	`issued_at` text NOT NULL,
	`issued_on` text NOT NULL,
	`financial_year` text NOT NULL,
	`grand_total` integer NOT NULL,
	`currency` text NOT NULL,
	`supply_type` text NOT NULL,
	`recipient_gstin` text,
	`document` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_invoices`("id", "kind", "number", "store_id", "sale_id", "issued_at", "issued_on", "financial_year", "grand_total", "currency", "supply_type", "recipient_gstin", "document", "updated_at") SELECT "id", "kind", "number", "store_id", "sale_id", "issued_at", "issued_on", "financial_year", "grand_total", "currency", "supply_type", "recipient_gstin", "document", "updated_at" FROM `invoices`;--> statement-breakpoint
DROP TABLE `invoices`;--> statement-breakpoint
ALTER TABLE `__new_invoices` RENAME TO `invoices`;--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_uq` ON `invoices` (`kind`,`number`);--> statement-breakpoint
CREATE INDEX `invoices_sale_idx` ON `invoices` (`sale_id`);--> statement-breakpoint
CREATE INDEX `invoices_store_issued_idx` ON `invoices` (`store_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `__new_sale_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text,
	`store_id` text NOT NULL,
	`credit_note_id` text NOT NULL,
	`created_at` text NOT NULL,
	`document` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_sale_returns`("id", "sale_id", "store_id", "credit_note_id", "created_at", "document") SELECT "id", "sale_id", "store_id", "credit_note_id", "created_at", "document" FROM `sale_returns`;--> statement-breakpoint
DROP TABLE `sale_returns`;--> statement-breakpoint
ALTER TABLE `__new_sale_returns` RENAME TO `sale_returns`;--> statement-breakpoint
CREATE INDEX `sale_returns_sale_idx` ON `sale_returns` (`sale_id`);