import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { afterEach, expect, test } from "vitest";
import { createApp } from "../../src/app";
import type { App } from "../../src/app";
import type { RunningChannel } from "../../src/channels/channel";
import { startTelegram } from "../../src/channels/telegram";
import { createLogger } from "../../src/logger";
import { BotApiEmulator, type RecordedCall } from "../support/bot-api-emulator";
import { sequentialBookingNumbers, TestClock } from "../support/clock";
import { CATALOG_PATH, DEFAULT_NOW, STAFF_CHAT_ID, TEST_KEY } from "../support/fixtures";

const PATIENT = 7001;
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

/** The real grammY HTTP client and runner, against a Bot API emulated on 127.0.0.1. */
test("a patient books over the real Telegram HTTP path and the staff group gets the alert", async () => {
  emulator = await BotApiEmulator.start();
  directory = mkdtempSync(join(tmpdir(), "mumkindik-e2e-"));
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
  const running = emulator;

  const commandMenus = running.calls.filter((call) => call.method === "setMyCommands");
  expect(commandMenus.map((call) => (call.payload.language_code as string | undefined) ?? "default")).toEqual(["default", "kk", "ru"]);

  const reply = (predicate: (text: string) => boolean) =>
    running.waitForCall((call) => call.method === "sendMessage" && call.payload.chat_id === PATIENT && predicate(String(call.payload.text)));
  const press = async (call: RecordedCall, label: string) => {
    const markup = call.payload.reply_markup as InlineKeyboardMarkup;
    const button = markup.inline_keyboard.flat().find((candidate) => candidate.text === label);
    if (!button || !("callback_data" in button)) throw new Error(`no button ${label}`);
    running.pressButton(PATIENT, (call.result as Message).message_id, button.callback_data);
  };
  const firstButton = (call: RecordedCall) => (call.payload.reply_markup as InlineKeyboardMarkup).inline_keyboard[0]![0]!.text;

  running.sendText({ id: PATIENT, firstName: "Айгерім" }, "/start");
  await press(await reply((text) => text.includes("Выберите язык")), "Русский");
  await press(await reply((text) => text.startsWith("Политика конфиденциальности")), "✅ Согласен(на)");
  await press(await reply((text) => text.startsWith("Ещё один, отдельный вопрос")), "Нет, не передавать");
  await press(await reply((text) => text === "Кто придёт на приём?"), "Я сам(а)");
  await reply((text) => text.startsWith("Введите ваш ИИН"));
  running.sendText({ id: PATIENT }, "900101300126");
  await reply((text) => text.startsWith("Введите ваши фамилию"));
  running.sendText({ id: PATIENT }, "Иванов Иван");
  await reply((text) => text.startsWith("Укажите номер"));
  running.sendContact(PATIENT, { phone_number: "77012345678", user_id: PATIENT });
  const services = await reply((text) => text === "Выберите услугу:");
  await press(services, "Консультация педиатра");
  const doctors = await reply((text) => text === "Выберите врача:");
  await press(doctors, firstButton(doctors));
  const days = await reply((text) => text.startsWith("Выберите день"));
  await press(days, firstButton(days));
  const times = await reply((text) => text.startsWith("Свободное время"));
  await press(times, firstButton(times));
  await press(await reply((text) => text.startsWith("Проверьте, пожалуйста")), "✅ Подтвердить");

  const booked = await reply((text) => text.startsWith("Вы записаны!"));
  expect(booked.payload.text).toContain("Номер записи: B00001");
  const alert = await running.waitForCall((call) => call.method === "sendMessage" && call.payload.chat_id === STAFF_CHAT_ID);
  expect(alert.payload.text).toBe(
    [
      "🆕 Новая запись B00001 (Telegram)",
      "Услуга: Консультация педиатра",
      "Врач: Ахметова Айгуль Серикбаевна",
      "Время: 01.12.2026 09:00",
      "Пациент: Иванов Иван",
      "Телефон: +7 701 234 56 78",
      "ИИН: 9001******26",
    ].join("\n"),
  );
  expect(running.calls.filter((call) => call.method === "answerCallbackQuery")).toHaveLength(9);
  expect(running.calls.filter((call) => !["getMe", "deleteWebhook", "setMyCommands", "sendMessage", "answerCallbackQuery"].includes(call.method))).toEqual([]);
});
