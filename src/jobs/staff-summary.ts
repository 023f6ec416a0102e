import type { App } from "../app";
import { addDays, localDateOf, localTimeOf } from "../domain/slots";

const JOB = "staff-daily-summary";

/**
 * Tomorrow's list for the staff group, once a day from STAFF_SUMMARY_HOUR (clinic time). Run every few
 * minutes: a bot that was down at the hour posts when it is back, and the day it posted is kept, so a
 * restart does not post again. Marked after Telegram took it: a crash in between posts twice, never
 * not at all. Returns whether it posted.
 */
export async function postTomorrowSummary(app: App): Promise<boolean> {
  const now = app.clock.now();
  const today = localDateOf(now, app.timeZone);
  if (Number(localTimeOf(now, app.timeZone).slice(0, 2)) < app.staffSummaryHour) return false;
  if (app.store.jobMarks.lastDone(JOB) === today) return false;
  const tomorrow = addDays(today, 1);
  const doctorIds = app.store.catalog.listDoctors().map((doctor) => doctor.id);
  const days = app.services.staffDesk.day(tomorrow, doctorIds, "daily-summary");
  if (!(await app.staffAlerts.post(app.staffTexts.day(tomorrow, days)))) return false;
  app.store.jobMarks.markDone(JOB, today);
  return true;
}
