import { addDays, localDateOf, localTimeOf, zonedWallTimeToInstant } from "./slots";

/** By default a reminder a day before and one two hours before (issue 10); REMINDER_OFFSETS_HOURS. */
export const DEFAULT_REMINDER_OFFSETS_HOURS: readonly number[] = [24, 2];

/**
 * A reminder this far ahead (the day before) can wait for the daytime, and waking a family at night for
 * it would be worse than sending it the evening before: 09:00–21:00 in the clinic's time zone.
 */
const DAYTIME_ONLY_FROM_HOURS = 12;
const DAY_STARTS = "09:00";
const DAY_ENDS = "21:00";

export interface PlannedReminder {
  offsetHours: number;
  dueAt: string;
}

export function isDaytimeOnly(offsetHours: number): boolean {
  return offsetHours >= DAYTIME_ONLY_FROM_HOURS;
}

/** Whether clocks in `timeZone` show a time from 09:00 to 21:00. */
export function isDaytime(instant: string | Date, timeZone: string): boolean {
  const time = localTimeOf(instant, timeZone);
  return time >= DAY_STARTS && time <= DAY_ENDS;
}

/**
 * When each reminder of an appointment at `startsAt` is due, booked at `now`: a day-before one due at
 * night moves earlier, into the evening before (21:00); a reminder whose time has already come is not
 * planned at all (a booking made inside its window does not get it: the person has just been told).
 */
export function planReminders(startsAt: string, offsetsHours: readonly number[], now: Date, timeZone: string): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  for (const offsetHours of new Set(offsetsHours)) {
    let due = new Date(new Date(startsAt).getTime() - offsetHours * 3_600_000);
    if (isDaytimeOnly(offsetHours) && !isDaytime(due, timeZone)) due = eveningBefore(due, timeZone);
    if (due.getTime() > now.getTime()) planned.push({ offsetHours, dueAt: due.toISOString() });
  }
  return planned.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** 21:00 of the same day when `due` is late in the evening, of the day before when it is early morning. */
function eveningBefore(due: Date, timeZone: string): Date {
  const date = localDateOf(due, timeZone);
  const day = localTimeOf(due, timeZone) > DAY_ENDS ? date : addDays(date, -1);
  return zonedWallTimeToInstant(day, DAY_ENDS, timeZone);
}
