import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { afterEach, expect, test } from "vitest";
import { createApp, type App } from "../../src/app";
import type { RunningChannel } from "../../src/channels/channel";
import { startTelegram } from "../../src/channels/telegram";
import { createLogger } from "../../src/logger";
import { BotApiEmulator, type RecordedCall } from "../support/bot-api-emulator";
import { sequentialBookingNumbers, TestClock } from "../support/clock";
import { CATALOG_PATH, DEFAULT_NOW, STAFF_CHAT_ID, TEST_KEY } from "../support/harness";

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
  const reply = (predicate: (text: string) => boolean) =>
    running.waitForCall((call) => call.method === "sendMessage" && call.payload.chat_id === PATIENT && predicate(String(call.payload.text)));
  const press = (call: RecordedCall, label: string) => {
    const button = (call.payload.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat().find((candidate) => candidate.text === label);
    if (!button || !("callback_data" in button)) throw new Error(`no button ${label}`);
    running.pressButton(PATIENT, (call.result as Message).message_id, button.callback_data);
  };

  running.sendText({ id: PATIENT }, "/start");
  press(await reply((text) => text.includes("Выберите язык")), "Русский");
  press(await reply((text) => text.startsWith("Политика конфиденциальности")), "✅ Согласен(на)");
  press(await reply((text) => text.startsWith("Ещё один, отдельный вопрос")), "Нет, не передавать");
  press(await reply((text) => text === "Кто придёт на приём?"), "Я сам(а)");
  await reply((text) => text.startsWith("Введите ваш ИИН"));
  running.sendText({ id: PATIENT }, "900101300126");
  await reply((text) => text.startsWith("Введите ваши фамилию"));
  running.sendText({ id: PATIENT }, "Иванов Иван");
  await reply((text) => text.startsWith("Укажите номер"));
  running.sendContact(PATIENT, { phone_number: "77012345678", user_id: PATIENT });
  const services = await reply((text) => text === "Выберите услугу:");

  // The press is answered too late (a slow reply, a restart): Telegram refuses the answer.
  running.fail("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 1);
  press(services, "Консультация педиатра");
  const doctors = await reply((text) => text === "Выберите врача:");
  const firstButton = (call: RecordedCall) => (call.payload.reply_markup as InlineKeyboardMarkup).inline_keyboard[0]![0]!.text;
  press(doctors, firstButton(doctors));
  const days = await reply((text) => text.startsWith("Выберите день"));
  press(days, firstButton(days));
  const times = await reply((text) => text.startsWith("Свободное время"));
  press(times, firstButton(times));
  const summary = await reply((text) => text.startsWith("Проверьте, пожалуйста"));
  expect(summary.payload.text).toContain("Иванов Иван");
  expect(summary.payload.text).toContain("9001******26");
  expect(running.messagesTo(PATIENT).map((call) => String(call.payload.text))).not.toContainEqual(expect.stringContaining("что-то пошло не так"));
});
