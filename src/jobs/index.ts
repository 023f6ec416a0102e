import cron, { type ScheduledTask } from "node-cron";
import type { App } from "../app";
import { DRAFT_TIMEOUT_MS } from "../domain/drafts";
import { safeError } from "../logger";
import { chatKey } from "../domain/channel";
import { deliverPolicyNotices } from "./policy-notices";
import { postTomorrowSummary } from "./staff-summary";
import type { RetentionRun } from "../services/retention";
import type { WaitlistRun } from "../services/waitlist";

export { deliverPolicyNotices } from "./policy-notices";
export { postTomorrowSummary } from "./staff-summary";

/** Delivers staff alerts that could not be sent at once (Telegram down, a restart in between). */
export async function deliverStaffAlerts(app: App): Promise<number> {
  return app.staffAlerts.flush();
}

/**
 * Sends the appointment reminders whose time has come; one missed while the bot was down goes out now
 * if it is still useful (src/services/reminders.ts).
 */
export function sendDueReminders(app: App): Promise<number> {
  return app.reminders.flush();
}

/**
 * The waiting list: holds that ran out pass to the next person, entries past their days expire, and
 * freed slots are offered; the offers then go out through the patient outbox (src/services/waitlist.ts).
 */
export async function offerFreedSlots(app: App): Promise<WaitlistRun> {
  const run = app.services.waitlist.run();
  if (run.offered > 0) await app.patientNotices.flush();
  return run;
}

/** Keeps the slot horizon rolling forward; inserting an existing slot is a no-op. */
export function extendSlots(app: App): number {
  return app.store.slotHorizon.extend();
}

/**
 * Drafts abandoned mid-dialogue hold typed IINs and phones. grammY only notices a conversation's
 * timeout when the next update comes, so untouched drafts are deleted here.
 */
export function purgeAbandonedDrafts(app: App): number {
  return app.store.conversationStates.purgeUntouchedSince(new Date(app.clock.now().getTime() - DRAFT_TIMEOUT_MS));
}

/**
 * A WhatsApp chat id holds the phone number, and it is stored on the first message, before any
 * consent. A chat that never consented and has no dialogue open is forgotten after the draft timeout,
 * with the language it chose (policy §1.2: without consent nothing about the person is kept).
 */
export function purgeUnconsentedWhatsappChats(app: App): number {
  const { store } = app;
  const cutoff = new Date(app.clock.now().getTime() - DRAFT_TIMEOUT_MS);
  let purged = 0;
  for (const id of store.whatsappChats.idsFirstSeenBefore(cutoff)) {
    if (store.accounts.findAccountId("whatsapp", id) || store.conversationStates.has(chatKey("whatsapp", id))) continue;
    store.preferences.forget("whatsapp", id);
    store.whatsappChats.forget(id);
    purged += 1;
  }
  return purged;
}

/**
 * Finished bookings kept for RETENTION_FINISHED_DAYS are erased with their reminders (policy §5.1,
 * src/services/retention.ts). Unset, the fund has named no period and nothing is erased.
 */
export function eraseFinishedBookings(app: App): RetentionRun | "no period set" {
  if (app.retentionFinishedDays === undefined) return "no period set";
  return app.services.retention.eraseFinished(app.retentionFinishedDays);
}

/** Every periodic job, in the clinic's time zone; each is idempotent, so a restart repeats nothing. */
export function scheduleJobs(app: App): { stop(): void } {
  const jobs: [string, string, () => unknown][] = [
    ["staff-alerts", "* * * * *", () => deliverStaffAlerts(app)],
    // Patients are not woken at night by a notice that can wait: 09:00–20:59 in the clinic's zone.
    ["policy-notices", "* 9-20 * * *", () => deliverPolicyNotices(app)],
    ["slots", "15 0 * * *", () => extendSlots(app)],
    ["drafts", "7 * * * *", () => purgeAbandonedDrafts(app)],
    ["whatsapp-chats", "9 * * * *", () => purgeUnconsentedWhatsappChats(app)],
    // Once a day at night: a day is the period's unit, and the batches then compete with nobody.
    ["retention", "40 3 * * *", () => eraseFinishedBookings(app)],
    ["staff-summary", "*/5 * * * *", () => postTomorrowSummary(app)],
    ["patient-notices", "* * * * *", () => app.patientNotices.flush()],
    ["reminders", "* * * * *", () => sendDueReminders(app)],
    ["waitlist", "* * * * *", () => offerFreedSlots(app)],
  ];
  const tasks: ScheduledTask[] = jobs.map(([name, expression, job]) =>
    cron.schedule(
      expression,
      async () => {
        try {
          const result = await job();
          app.logger.debug({ job: name, result }, "job ran");
        } catch (error) {
          app.logger.error({ job: name, err: safeError(error) }, "job failed");
        }
      },
      { name, timezone: app.timeZone, noOverlap: true },
    ),
  );
  return {
    stop: () => {
      for (const task of tasks) void task.stop();
    },
  };
}
