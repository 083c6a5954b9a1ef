CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`store_id` text NOT NULL,
	`sale_id` text NOT NULL,
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
CREATE UNIQUE INDEX `invoices_number_uq` ON `invoices` (`kind`,`number`);--> statement-breakpoint
CREATE INDEX `invoices_sale_idx` ON `invoices` (`sale_id`);--> statement-breakpoint
CREATE INDEX `invoices_store_issued_idx` ON `invoices` (`store_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `sale_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`store_id` text NOT NULL,
	`credit_note_id` text NOT NULL,
	`created_at` text NOT NULL,
	`document` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sale_returns_sale_idx` ON `sale_returns` (`sale_id`);--> statement-breakpoint
CREATE TABLE `sales` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`invoice_number` text NOT NULL,
	`issued_at` text NOT NULL,
	`grand_total` integer NOT NULL,
	`currency` text NOT NULL,
	`customer_phone` text,
	`document` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sales_store_issued_idx` ON `sales` (`store_id`,`issued_at`);