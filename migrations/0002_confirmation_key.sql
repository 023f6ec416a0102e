ALTER TABLE `bookings` ADD `draft_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_draft_key` ON `bookings` (`draft_key`);