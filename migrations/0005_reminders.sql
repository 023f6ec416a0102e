CREATE TABLE `reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`offset_hours` integer NOT NULL,
	`due_at` text NOT NULL,
	`state` text NOT NULL,
	`claims` integer DEFAULT 0 NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reminders_due` ON `reminders` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `reminders_booking` ON `reminders` (`booking_id`);