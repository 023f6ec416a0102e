import { afterEach, expect, test } from "vitest";
import { DRAFT_TIMEOUT_MS } from "../../src/domain/drafts";
import { deliverStaffAlerts, extendSlots, purgeAbandonedDrafts } from "../../src/jobs";
import { chatAt, finishBooking } from "../support/booking";
import { count } from "../support/database";
import { STAFF_CHAT_ID } from "../support/fixtures";
import { TestBot } from "../support/harness";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

test("a draft left half-way is purged once it is older than the draft timeout, and a fresh one is kept", async () => {
  testBot = await TestBot.start();
  await chatAt(testBot, "name", 301);
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
  await finishBooking(await chatAt(bot, "summary", 302), "summary");
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
