DROP INDEX `bookings_active_slot`;--> statement-breakpoint
ALTER TABLE `bookings` ADD `cancel_reason` text;--> statement-breakpoint
-- An active booking of before is one nobody has confirmed or marked yet.
UPDATE `bookings` SET `status` = 'booked' WHERE `status` = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_active_slot` ON `bookings` (`slot_id`) WHERE status <> 'cancelled';
