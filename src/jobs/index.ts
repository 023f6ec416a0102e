import cron, { type ScheduledTask } from "node-cron";
import type { App } from "../bot/context";
import { DRAFT_TIMEOUT_MS } from "../bot";
import { safeError } from "../logger";
import { deliverPolicyNotices } from "./policy-notices";

export { deliverPolicyNotices } from "./policy-notices";

/** Delivers staff alerts that could not be sent at once (Telegram down, a restart in between). */
export async function deliverStaffAlerts(app: App): Promise<number> {
  return app.staffAlerts.flush();
}

/** Keeps the slot horizon rolling forward; inserting an existing slot is a no-op. */
export function extendSlots(app: App): number {
  return app.store.catalog.extendSlots();
}

/**
 * Drafts abandoned mid-dialogue hold typed IINs and phones. grammY only notices a conversation's
 * timeout when the next update comes, so untouched drafts are deleted here.
 */
export function purgeAbandonedDrafts(app: App): number {
  return app.store.conversationStates.purgeUntouchedSince(new Date(app.clock.now().getTime() - DRAFT_TIMEOUT_MS));
}

/** Every periodic job, in the clinic's time zone; each is idempotent, so a restart repeats nothing. */
export function scheduleJobs(app: App): { stop(): void } {
  const jobs: [string, string, () => unknown][] = [
    ["staff-alerts", "* * * * *", () => deliverStaffAlerts(app)],
    // Patients are not woken at night by a notice that can wait: 09:00–20:59 in the clinic's zone.
    ["policy-notices", "* 9-20 * * *", () => deliverPolicyNotices(app)],
    ["slots", "15 0 * * *", () => extendSlots(app)],
    ["drafts", "7 * * * *", () => purgeAbandonedDrafts(app)],
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
