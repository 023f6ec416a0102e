ALTER TABLE `doctor_absences` ADD `cancelled` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `doctor_absences` ADD `told` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `doctor_absences` ADD `rebooked` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `doctor_absences` ADD `staff_message_id` integer;