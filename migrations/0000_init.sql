CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`chat_index` blob NOT NULL,
	`chat_ct` blob NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `accounts_chat` ON `accounts` (`channel`,`chat_index`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`slot_id` text NOT NULL,
	`service_id` text NOT NULL,
	`status` text NOT NULL,
	`owner_index` blob NOT NULL,
	`account_ct` blob NOT NULL,
	`patient_ct` blob NOT NULL,
	`created_at` text NOT NULL,
	`cancelled_at` text,
	`cancelled_by` text,
	FOREIGN KEY (`slot_id`) REFERENCES `slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_number` ON `bookings` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_active_slot` ON `bookings` (`slot_id`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `bookings_owner` ON `bookings` (`owner_index`);--> statement-breakpoint
CREATE TABLE `chat_preferences` (
	`chat_index` blob PRIMARY KEY NOT NULL,
	`locale` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `clinic_info` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`purpose` text NOT NULL,
	`granted` integer NOT NULL,
	`policy_version` text NOT NULL,
	`text_sha256` text NOT NULL,
	`locale` text NOT NULL,
	`channel` text NOT NULL,
	`decided_at` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `consents_account` ON `consents` (`account_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `conversation_states` (
	`key_index` blob PRIMARY KEY NOT NULL,
	`state_ct` blob NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `doctor_services` (
	`doctor_id` text NOT NULL,
	`service_id` text NOT NULL,
	PRIMARY KEY(`doctor_id`, `service_id`),
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `doctors` (
	`id` text PRIMARY KEY NOT NULL,
	`name_ru` text NOT NULL,
	`name_kk` text NOT NULL,
	`specialty_ru` text NOT NULL,
	`specialty_kk` text NOT NULL,
	`slot_minutes` integer NOT NULL,
	`weekly_hours` text NOT NULL,
	`position` integer NOT NULL,
	`active` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `patient_links` (
	`account_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`relation` text NOT NULL,
	`representative_confirmed` integer NOT NULL,
	`full_name_ct` blob NOT NULL,
	`phone_ct` blob NOT NULL,
	`phone_confirmed` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`account_id`, `patient_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `patients` (
	`id` text PRIMARY KEY NOT NULL,
	`iin_index` integer NOT NULL,
	`iin_ct` blob NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `patients_iin` ON `patients` (`iin_index`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`name_ru` text NOT NULL,
	`name_kk` text NOT NULL,
	`description_ru` text,
	`description_kk` text,
	`position` integer NOT NULL,
	`active` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `slots` (
	`id` text PRIMARY KEY NOT NULL,
	`doctor_id` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slots_doctor_start` ON `slots` (`doctor_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `slots_start` ON `slots` (`starts_at`);--> statement-breakpoint
CREATE TABLE `staff_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`payload_ct` blob NOT NULL,
	`created_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `store_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` blob NOT NULL
);
