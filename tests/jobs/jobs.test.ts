import { afterEach, expect, test } from "vitest";
import { DRAFT_TIMEOUT_MS } from "../../src/domain/drafts";
import { deliverStaffAlerts, extendSlots, purgeAbandonedDrafts } from "../../src/jobs";
import { STAFF_CHAT_ID, TestBot } from "../support/harness";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

const count = (bot: TestBot, table: string) =>
  (bot.app.store.db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

async function bookFirstFreeSlot(bot: TestBot, chatId: number, iin: string): Promise<void> {
  const chat = bot.chat({ id: chatId });
  await chat.send("/start");
  await chat.press("Русский");
  await chat.press("✅ Согласен(на)");
  await chat.press("Нет, не передавать");
  await chat.press("Я сам(а)");
  await chat.send(iin);
  await chat.send("Иванов Иван");
  await chat.send("+7 701 234 56 78");
  let replies = await chat.press("Консультация психолога");
  for (let step = 0; step < 3; step += 1) replies = await chat.press(replies.at(-1)!.buttons![0]![0]!);
  await chat.press("✅ Подтвердить");
}

test("a draft left half-way is purged once it is older than the draft timeout, and a fresh one is kept", async () => {
  testBot = await TestBot.start();
  const chat = testBot.chat({ id: 301 });
  await chat.send("/start");
  await chat.press("Русский");
  await chat.press("✅ Согласен(на)");
  await chat.press("Нет, не передавать");
  await chat.press("Я сам(а)");
  await chat.send("900101300126");
  expect(count(testBot, "conversation_states")).toBe(1);

  testBot.clock.advance(DRAFT_TIMEOUT_MS - 60_000);
  expect(purgeAbandonedDrafts(testBot.app)).toBe(0);
  testBot.clock.advance(2 * 60_000);
  expect(purgeAbandonedDrafts(testBot.app)).toBe(1);
  expect(count(testBot, "conversation_states")).toBe(0);
});

test("extending the slot horizon twice on the same day adds nothing the second time, and a day later adds the new day", async () => {
  testBot = await TestBot.start();
  const before = count(testBot, "slots");
  expect(extendSlots(testBot.app)).toBe(0);
  expect(count(testBot, "slots")).toBe(before);
  testBot.clock.advance(24 * 60 * 60 * 1000);
  expect(extendSlots(testBot.app)).toBeGreaterThan(0);
});

test("a staff alert that Telegram refused is delivered by the job later, exactly once", async () => {
  testBot = await TestBot.start();
  const bot = testBot;
  let refuse = true;
  bot.bot.api.config.use((prev, method, payload, signal) => {
    if (refuse && method === "sendMessage" && (payload as { chat_id: number }).chat_id === STAFF_CHAT_ID) {
      throw new Error("staff group unreachable");
    }
    return prev(method, payload, signal);
  });
  await bookFirstFreeSlot(bot, 302, "900101300126");
  expect(await bot.staffMessages()).toEqual([]);
  expect(count(bot, "staff_outbox")).toBe(1);

  refuse = false;
  expect(await deliverStaffAlerts(bot.app)).toBe(0);
  bot.clock.advance(60_000);
  expect(await deliverStaffAlerts(bot.app)).toBe(1);
  expect(await deliverStaffAlerts(bot.app)).toBe(0);
  expect(await bot.staffMessages()).toHaveLength(1);
  expect(count(bot, "staff_outbox")).toBe(0);
});
