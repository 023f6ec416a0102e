import { afterEach, expect, test } from "vitest";
import { DRAFT_TIMEOUT_MS } from "../../src/domain/drafts";
import { deliverStaffAlerts, extendSlots, purgeAbandonedDrafts } from "../../src/jobs";
import { chatKey } from "../../src/domain/channel";
import { chatAt, finishBooking, ivanWithBooking } from "../support/booking";
import { count } from "../support/database";
import { STAFF_CHAT_ID } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { R } from "../support/replies";

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
  // What was typed is gone; a mark without content waits to tell the person why.
  expect(testBot.app.store.conversationStates.read(chatKey("telegram", 301))).toBeUndefined();
  expect(count(testBot, "conversation_states")).toBe(1);
  expect(purgeAbandonedDrafts(testBot.app)).toBe(0);
  testBot.clock.advance(31 * 24 * 60 * 60_000);
  expect(purgeAbandonedDrafts(testBot.app)).toBe(0);
  expect(count(testBot, "conversation_states")).toBe(0);
});

test("whoever comes back after the purge is told once that the unfinished booking was deleted after 6 hours, and /book starts afresh", async () => {
  testBot = await TestBot.start();
  const chat = await chatAt(testBot, "name", 301);
  testBot.clock.advance(DRAFT_TIMEOUT_MS + 60_000);
  purgeAbandonedDrafts(testBot.app);
  const expired = { text: t("ru", "booking-draft-expired", { hours: 6 }), removesKeyboard: true };
  expect(await chat.send("Иванов Иван Иванович")).toEqual([expired]);
  expect(await chat.send("Иванов Иван Иванович")).toEqual([{ text: t("ru", "fallback") }]);
  expect(await chat.send("/book")).toEqual([R.askWho]);
});

test("the mark of an expired draft says which dialogue it was: a correction left for 6 hours is told as a correction", async () => {
  testBot = await TestBot.start();
  const chat = await ivanWithBooking(testBot, 302);
  await chat.send("/edit");
  testBot.clock.advance(DRAFT_TIMEOUT_MS + 60_000);
  purgeAbandonedDrafts(testBot.app);
  const [told, ...rest] = await chat.send("/edit");
  expect(told).toEqual({ text: t("ru", "edit-draft-expired", { hours: 6 }), removesKeyboard: true });
  expect(rest.length).toBeGreaterThan(0); // and /edit starts afresh
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
