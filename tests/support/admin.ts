/** The admin command line on a running TestBot's database, opened as a second process would open it. */
import { createApp } from "../../src/app";
import type { AdminIo } from "../../src/cli/context";
import { createLogger } from "../../src/logger";
import { sequentialBookingNumbers } from "./clock";
import { ALMATY, STAFF_CHAT_ID, TEST_KEY } from "./fixtures";
import type { TestBot } from "./harness";

/** What the commands print is collected in `printed`; they run on the bot's clock. */
export function adminIo(bot: TestBot, options: { policyDirectory?: string; retentionFinishedDays?: number } = {}): AdminIo & { printed: string[] } {
  const printed: string[] = [];
  return {
    printed,
    out: (text) => void printed.push(text),
    openApp: (opening = {}) =>
      createApp({
        databasePath: bot.databasePath,
        masterKeys: { current: TEST_KEY, previous: [] },
        timeZone: ALMATY,
        staffChatId: STAFF_CHAT_ID,
        staffLocale: "ru",
        catalogPath: opening.catalogPath,
        clock: bot.clock,
        ids: sequentialBookingNumbers(),
        logger: createLogger("silent"),
        policyDirectory: options.policyDirectory,
        retentionFinishedDays: options.retentionFinishedDays,
        migrations: "refuse-pending",
      }),
  };
}
