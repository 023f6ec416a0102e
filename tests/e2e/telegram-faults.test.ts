import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { createApp, type App } from "../../src/app";
import type { RunningChannel } from "../../src/channels/channel";
import { startTelegram } from "../../src/channels/telegram";
import { createLogger } from "../../src/logger";
import { BotApiEmulator } from "../support/bot-api-emulator";
import { sequentialBookingNumbers, TestClock } from "../support/clock";
import { CATALOG_PATH, DEFAULT_NOW, STAFF_CHAT_ID, TEST_KEY } from "../support/fixtures";
import { EmulatedPatient } from "../support/telegram-walk";

const PATIENT = 7003;
let emulator: BotApiEmulator | undefined;
let channel: RunningChannel | undefined;
let app: App | undefined;
let directory: string | undefined;

afterEach(async () => {
  await channel?.stop();
  await emulator?.close();
  app?.store.db.$client.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** The real grammY client and runner against the loopback Bot API, as in telegram-over-http. */
async function telegramBot(): Promise<BotApiEmulator> {
  emulator = await BotApiEmulator.start();
  directory = mkdtempSync(join(tmpdir(), "mumkindik-faults-"));
  app = await createApp({
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
  channel = await startTelegram(app, { token: emulator.token, apiRoot: emulator.apiRoot });
  return emulator;
}

test("'query is too old' from answerCallbackQuery in the middle of a booking is ignored: the dialogue goes on with everything typed", async () => {
  const running = await telegramBot();
  const patient = new EmulatedPatient(running, PATIENT);
  // The press of a service is answered too late (a slow reply, a restart): Telegram refuses the answer.
  const summary = await patient.walkToSummary(() =>
    running.fail("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 1),
  );
  expect(summary.payload.text).toContain("Иванов Иван");
  expect(summary.payload.text).toContain("9001******26");
  expect(running.messagesTo(PATIENT).map((call) => String(call.payload.text))).not.toContainEqual(expect.stringContaining("что-то пошло не так"));
});
