CREATE TABLE `freed_slots` (
	`slot_id` text PRIMARY KEY NOT NULL,
	`freed_at` text NOT NULL,
	FOREIGN KEY (`slot_id`) REFERENCES `slots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `slot_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`slot_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`status` text NOT NULL,
	`offered_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`slot_id`) REFERENCES `slots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `waitlist_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slot_offers_open_slot` ON `slot_offers` (`slot_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `slot_offers_entry` ON `slot_offers` (`entry_id`);--> statement-breakpoint
CREATE INDEX `slot_offers_due` ON `slot_offers` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `waitlist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`doctor_id` text,
	`from_day` text NOT NULL,
	`until_day` text NOT NULL,
	`status` text NOT NULL,
	`owner_index` blob NOT NULL,
	`account_ct` blob NOT NULL,
	`patient_ct` blob NOT NULL,
	`created_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waitlist_entries_waiting` ON `waitlist_entries` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `waitlist_entries_owner` ON `waitlist_entries` (`owner_index`);