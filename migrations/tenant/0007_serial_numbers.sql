CREATE TABLE `serial_numbers` (
	`serial` text PRIMARY KEY NOT NULL,
	`sku` text NOT NULL,
	`store_id` text NOT NULL,
	`received_at` text NOT NULL
);
