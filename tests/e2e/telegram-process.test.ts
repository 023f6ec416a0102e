import { existsSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, expect, test } from "vitest";
import { BotApiEmulator } from "../support/bot-api-emulator";
import { startBotProcess, type BotProcess } from "../support/bot-process";
import { STAFF_CHAT_ID } from "../support/fixtures";
import { t } from "../support/i18n";
import { EmulatedPatient } from "../support/telegram-walk";

const TOKEN = "123456:AAEmulatedTokenForProcessTests00";
const PATIENT = 7002;
let emulator: BotApiEmulator | undefined;
let bot: BotProcess | undefined;
let restarted: BotProcess | undefined;
afterEach(async () => {
  restarted?.child.kill("SIGKILL");
  bot?.dispose();
  await emulator?.close();
});

async function telegramBot(): Promise<{ emulator: BotApiEmulator; bot: BotProcess }> {
  emulator = await BotApiEmulator.start({ token: TOKEN });
  bot = startBotProcess(telegramEnvironment(emulator));
  return { emulator, bot };
}

function telegramEnvironment(running: BotApiEmulator): Record<string, string> {
  return { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: running.apiRoot, STAFF_CHAT_ID: String(STAFF_CHAT_ID) };
}

function countRows(databasePath: string, table: string): number {
  const db = new BetterSqlite3(databasePath, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test("getMe reaches Telegram before the rest of the bot has loaded: no data key, no database yet; the start then goes on", async () => {
  emulator = await BotApiEmulator.start({ token: TOKEN });
  const getMe = emulator.hold("getMe");
  bot = startBotProcess(telegramEnvironment(emulator));
  await getMe.arrived;
  // The first things the rest does are making the development key and opening the database.
  const made = ["dev-data.key", "bot.sqlite"].filter((name) => existsSync(join(bot!.directory, name)));
  getMe.release();
  expect(made).toEqual([]);
  await emulator.waitForCall((call) => call.method === "deleteWebhook", 15_000);
  bot.child.kill("SIGTERM");
  expect(await bot.exited).toBe(0);
  expect(emulator.calls.filter((call) => call.method === "getMe")).toHaveLength(1);
}, 40_000);

test("a token Telegram refuses ends the start with exit code 1 and one plain line, no stack and no unhandled rejection", async () => {
  emulator = await BotApiEmulator.start({ token: "123456:AAAnotherBotsTokenNotThisOne000" });
  bot = startBotProcess(telegramEnvironment(emulator));
  expect(await bot.exited).toBe(1);
  expect(bot.stderr()).toContain("Cannot start: Telegram did not accept BOT_TOKEN (Call to 'getMe' failed! (401: Unauthorized)). Check the token BotFather gave you.\n");
  expect(bot.stderr()).not.toMatch(/\n\s+at /);
  expect(bot.stderr()).not.toContain("Unhandled");
}, 40_000);

test("a second instance on the same token (409 Conflict) says so plainly and exits non-zero after a clean shutdown", async () => {
  const { emulator, bot } = await telegramBot();
  emulator.fail("getUpdates", 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
  expect(await bot.exited).toBe(3);
  expect(bot.stderr()).toContain("Another instance of the bot is already taking updates for this BOT_TOKEN (Telegram answered 409 Conflict).");
  expect(bot.stderr()).not.toMatch(/\n\s+at /);
  expect(bot.stderr()).not.toContain("Unhandled");
}, 40_000);

test("SIGTERM while an update is being handled lets it finish before the process ends", async () => {
  const { emulator, bot } = await telegramBot();
  emulator.sendText({ id: PATIENT }, "/start");
  const question = await emulator.waitForCall((call) => call.method === "sendMessage" && String(call.payload.text).includes("Выберите язык"), 15_000);
  const held = emulator.hold("answerCallbackQuery");
  emulator.pressButton(PATIENT, (question.result as { message_id: number }).message_id, "start-language:ru");
  await held.arrived;
  bot.child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 300));
  held.release();
  // The rest of that update's work (the welcome and the policy) still happens, then a clean exit.
  await emulator.waitForCall((call) => call.method === "sendMessage" && String(call.payload.text).startsWith("Здравствуйте"), 10_000);
  expect(await bot.exited).toBe(0);
}, 40_000);

test("kill -9 while 'Вы записаны!' is on its way: Confirm pressed again after the restart finds the same booking, never a second one", async () => {
  const { emulator, bot } = await telegramBot();
  const patient = new EmulatedPatient(emulator, PATIENT);
  const summary = await patient.walkToSummary();
  const held = emulator.hold("sendMessage", (call) => call.payload.chat_id === PATIENT && String(call.payload.text).startsWith("Вы записаны!"));
  patient.press(summary, "✅ Подтвердить");
  await held.arrived;
  bot.child.kill("SIGKILL");
  await bot.exited;
  held.release();

  restarted = startBotProcess(telegramEnvironment(emulator), bot.directory);
  patient.press(summary, "✅ Подтвердить");
  await patient.reply((text) => text === t("ru", "booked-already"), 15_000);
  const booked = await patient.reply((text) => text.startsWith("Вы записаны!"));
  expect(String(booked.payload.text)).toContain("Номер записи: ");
  expect(countRows(join(bot.directory, "bot.sqlite"), "bookings")).toBe(1);
  await emulator.waitForCall((call) => call.payload.chat_id === STAFF_CHAT_ID && String(call.payload.text).startsWith("📋 Запись "), 15_000);
  restarted.child.kill("SIGTERM");
  expect(await restarted.exited).toBe(0);
  const alerts = emulator.calls.filter((call) => call.payload.chat_id === STAFF_CHAT_ID && String(call.payload.text).startsWith("📋 Запись "));
  expect(alerts).toHaveLength(1);
}, 60_000);
