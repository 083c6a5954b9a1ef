CREATE TABLE `local_dns_records` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
