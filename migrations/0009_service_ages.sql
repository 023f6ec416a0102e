ALTER TABLE `services` ADD `age_min` integer;--> statement-breakpoint
ALTER TABLE `services` ADD `age_max` integer;