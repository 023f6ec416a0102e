CREATE TABLE `monthly_counts` (
	`service_id` text NOT NULL,
	`month` text NOT NULL,
	`booked` integer DEFAULT 0 NOT NULL,
	`cancelled` integer DEFAULT 0 NOT NULL,
	`no_shows` integer DEFAULT 0 NOT NULL,
	`offers_taken` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`service_id`, `month`)
);
--> statement-breakpoint
ALTER TABLE `bookings` ADD `moved_at` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `moved_from_slot_id` text REFERENCES slots(id);