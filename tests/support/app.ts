import { join } from "node:path";
import { createApp, type App } from "../../src/app";
import { createLogger } from "../../src/logger";
import { sequentialBookingNumbers, TestClock } from "./clock";
import { CATALOG_PATH, DEFAULT_NOW, STAFF_CHAT_ID, TEST_KEY } from "./fixtures";

/** The app as the channel tests run it outside the harness: a database file in `directory`, the test key and clock. */
export function testAppIn(directory: string): Promise<App> {
  return createApp({
    databasePath: join(directory, "bot.sqlite"),
    masterKeys: { current: TEST_KEY, previous: [] },
    timeZone: "Asia/Almaty",
    staffChatId: STAFF_CHAT_ID,
    staffLocale: "ru",
    catalogPath: CATALOG_PATH,
    clock: new TestClock(DEFAULT_NOW),
    ids: sequentialBookingNumbers(),
    logger: createLogger("silent"),
  });
}
