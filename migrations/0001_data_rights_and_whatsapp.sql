CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`record_type` text,
	`record_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `erased_booking_counts` (
	`service_id` text NOT NULL,
	`month` text NOT NULL,
	`bookings` integer NOT NULL,
	PRIMARY KEY(`service_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `policy_notices` (
	`account_id` text NOT NULL,
	`version` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`sent_at` text,
	PRIMARY KEY(`account_id`, `version`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version`) REFERENCES `policy_versions`(`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `policy_notices_due` ON `policy_notices` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `policy_versions` (
	`version` text PRIMARY KEY NOT NULL,
	`effective_date` text NOT NULL,
	`text_ru` text NOT NULL,
	`text_kk` text NOT NULL,
	`changes_ru` text NOT NULL,
	`changes_kk` text NOT NULL,
	`published_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `whatsapp_chats` (
	`id` integer PRIMARY KEY NOT NULL,
	`wa_index` blob NOT NULL,
	`wa_ct` blob NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `whatsapp_chats_wa` ON `whatsapp_chats` (`wa_index`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `blocked_at` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `blocked_by` text;