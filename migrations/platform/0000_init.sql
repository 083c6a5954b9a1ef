CREATE TABLE `database_pool` (
	`binding` text PRIMARY KEY NOT NULL,
	`region` text DEFAULT 'auto' NOT NULL,
	`state` text NOT NULL,
	`tenant_id` text,
	`claimed_at` text,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `database_pool_state_idx` ON `database_pool` (`state`);--> statement-breakpoint
CREATE TABLE `hostnames` (
	`hostname` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`verification_token` text,
	`provider_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`verified_at` text
);
--> statement-breakpoint
CREATE INDEX `hostnames_tenant_idx` ON `hostnames` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `platform_admins` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `platform_admins_email_unique` ON `platform_admins` (`email`);--> statement-breakpoint
CREATE TABLE `platform_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`detail` text NOT NULL,
	`occurred_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`response` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`legal_name` text NOT NULL,
	`country` text NOT NULL,
	`currency` text NOT NULL,
	`time_zone` text NOT NULL,
	`tax_regime` text NOT NULL,
	`gstin` text,
	`state_code` text,
	`data_region` text DEFAULT 'auto' NOT NULL,
	`plan` text DEFAULT 'starter' NOT NULL,
	`feature_overrides` text DEFAULT '{}' NOT NULL,
	`status` text NOT NULL,
	`database_binding` text,
	`schema_version` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_uq` ON `tenants` (`slug`);