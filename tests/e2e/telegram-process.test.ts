import { afterEach, expect, test } from "vitest";
import { BotApiEmulator } from "../support/bot-api-emulator";
import { startBotProcess, type BotProcess } from "../support/bot-process";
import { STAFF_CHAT_ID } from "../support/harness";

const TOKEN = "123456:AAEmulatedTokenForProcessTests00";
const PATIENT = 7002;
let emulator: BotApiEmulator | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  bot?.dispose();
  await emulator?.close();
});

async function telegramBot(): Promise<{ emulator: BotApiEmulator; bot: BotProcess }> {
  emulator = await BotApiEmulator.start({ token: TOKEN });
  bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, STAFF_CHAT_ID: String(STAFF_CHAT_ID) });
  return { emulator, bot };
}

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
