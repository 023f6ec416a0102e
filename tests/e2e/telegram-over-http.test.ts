import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { afterEach, expect, test } from "vitest";
import type { App } from "../../src/app";
import type { RunningChannel } from "../../src/channels/channel";
import { startTelegram } from "../../src/channels/telegram";
import { BotApiEmulator, type RecordedCall } from "../support/bot-api-emulator";
import { testAppIn } from "../support/app";
import { doctorButton, DOCTORS, IVAN, PHONE, SERVICES, STAFF_CHAT_ID } from "../support/fixtures";
import { t } from "../support/i18n";
import { EmulatedPatient } from "../support/telegram-walk";
import { booked, R, staffMessage, summary, WELCOME_CHOOSE_LANGUAGE } from "../support/replies";

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
async function telegramBot(): Promise<BotApiEmulator> {
  emulator = await BotApiEmulator.start();
  directory = mkdtempSync(join(tmpdir(), "mumkindik-e2e-"));
  app = await testAppIn(directory);
  channel = await startTelegram(app, { token: emulator.token, apiRoot: emulator.apiRoot });
  return emulator;
}

test("a patient books over the real Telegram HTTP path and the staff group gets the alert", async () => {
  const running = await telegramBot();

  const commandMenus = running.calls.filter((call) => call.method === "setMyCommands");
  expect(commandMenus.map((call) => (call.payload.language_code as string | undefined) ?? "default")).toEqual(["default", "kk", "ru", "default"]);
  // The last menu is the staff group's own: the day lists only, in the staff's language.
  expect(commandMenus.at(-1)!.payload).toEqual({
    scope: { type: "chat", chat_id: STAFF_CHAT_ID },
    commands: ["today", "tomorrow", "day"].map((command) => ({ command, description: t("ru", `command-staff-${command}`) })),
  });

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
  await press(await reply((text) => text === WELCOME_CHOOSE_LANGUAGE.text), t("ru", "language-ru"));
  await press(await reply((text) => text === R.policyWithConsent.text), t("ru", "button-consent-yes"));
  await press(await reply((text) => text === R.thirdParty.text), t("ru", "button-third-party-no"));
  await press(await reply((text) => text === R.askWho.text), t("ru", "button-who-self"));
  await reply((text) => text === R.askIinSelf.text);
  running.sendText({ id: PATIENT }, IVAN.iin);
  await reply((text) => text === R.askNameSelf.text);
  running.sendText({ id: PATIENT }, "Иванов Иван");
  await reply((text) => text === R.askPhone.text);
  running.sendContact(PATIENT, { phone_number: "77012345678", user_id: PATIENT });
  const services = await reply((text) => text === R.askService.text);
  await press(services, SERVICES.pediatrician.ru);
  const doctors = await reply((text) => text === R.askDoctorPediatrician.text);
  await press(doctors, doctorButton(DOCTORS.akhmetova, "ru"));
  const days = await reply((text) => text === R.askDayAkhmetova.text);
  // Under the one-tap earliest time, the first day.
  const day = (days.payload.reply_markup as InlineKeyboardMarkup).inline_keyboard[1]![0]!.text;
  await press(days, day);
  const times = await reply((text) => text === t("ru", "ask-time", { day: "во вторник, 1 декабря" }));
  await press(times, firstButton(times));
  const facts = { service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru };
  const shown = summary("ru", { ...facts, relation: "self", name: "Иванов Иван", iin: IVAN.maskedIin, phone: PHONE.shown, when: "вт, 1 декабря, 09:00" });
  await press(await reply((text) => text === shown.text), t("ru", "button-confirm"));

  const confirmation = await reply((text) => text.includes("B00001"));
  expect(confirmation.payload.text).toBe(booked("ru", { ...facts, number: "B00001", date: "вт, 1 декабря", time: "09:00" }).text);
  const alert = await running.waitForCall((call) => call.method === "sendMessage" && call.payload.chat_id === STAFF_CHAT_ID);
  expect(alert.payload.text).toBe(
    staffMessage("booked", { ...facts, number: "B00001", date: "01.12.2026", time: "09:00", patient: "Иванов Иван", phone: PHONE.shown, iin: IVAN.maskedIin }),
  );
  expect(running.calls.filter((call) => call.method === "answerCallbackQuery")).toHaveLength(9);
  expect(running.calls.filter((call) => !["getMe", "deleteWebhook", "setMyCommands", "sendMessage", "answerCallbackQuery", "editMessageReplyMarkup"].includes(call.method))).toEqual([]);
});

test("'query is too old' from answerCallbackQuery in the middle of a booking is ignored: the dialogue goes on with everything typed", async () => {
  const running = await telegramBot();
  const patient = new EmulatedPatient(running, PATIENT + 1);
  // The press of a service is answered too late (a slow reply, a restart): Telegram refuses the answer.
  const shown = await patient.walkToSummary(() =>
    running.fail("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 1),
  );
  expect(shown.payload.text).toContain("Иванов Иван");
  expect(shown.payload.text).toContain("9001******26");
  expect(running.messagesTo(PATIENT + 1).map((call) => String(call.payload.text))).not.toContain(t("ru", "error-generic"));
});
