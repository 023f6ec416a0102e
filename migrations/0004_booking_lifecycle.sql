CREATE TABLE `closed_days` (
	`date` text PRIMARY KEY NOT NULL,
	`name_ru` text NOT NULL,
	`name_kk` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `doctor_absences` (
	`id` text PRIMARY KEY NOT NULL,
	`doctor_id` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`reason_ct` blob NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `doctor_absences_doctor` ON `doctor_absences` (`doctor_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `patient_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`payload_ct` blob NOT NULL,
	`created_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `patient_outbox_due` ON `patient_outbox` (`next_attempt_at`);--> statement-breakpoint
DROP INDEX `bookings_active_slot`;--> statement-breakpoint
ALTER TABLE `bookings` ADD `cancel_reason` text;--> statement-breakpoint
-- An active booking of before is one nobody has confirmed or marked yet.
UPDATE `bookings` SET `status` = 'booked' WHERE `status` = 'active';--> statement-breakpoint
ALTER TABLE `bookings` ADD `staff_message_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_active_slot` ON `bookings` (`slot_id`) WHERE status <> 'cancelled';