DROP INDEX `bookings_active_slot`;--> statement-breakpoint
ALTER TABLE `bookings` ADD `course_id` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `session_number` integer;--> statement-breakpoint
ALTER TABLE `bookings` ADD `session_count` integer;--> statement-breakpoint
ALTER TABLE `bookings` ADD `seat` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_active_seat` ON `bookings` (`slot_id`,`seat`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `bookings_course` ON `bookings` (`course_id`);--> statement-breakpoint
ALTER TABLE `services` ADD `capacity` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `course` text;