import { afterEach, expect, test } from "vitest";
import { STAFF_CHAT_ID } from "../../support/fixtures";
import { TestBot } from "../../support/harness";
import { ivanWithBooking } from "../../support/booking";
import { count } from "../../support/database";

let testBot: TestBot;
afterEach(() => testBot.destroy());

test("while the staff group cannot be reached, /delete leaves no notice naming the person in the outbox", async () => {
  testBot = await TestBot.start();
  testBot.bot.api.config.use((prev, method, payload, signal) => {
    if (method === "sendMessage" && (payload as { chat_id: number }).chat_id === STAFF_CHAT_ID) throw new Error("staff group unreachable");
    return prev(method, payload, signal);
  });
  const chat = await ivanWithBooking(testBot);
  expect(count(testBot, "staff_outbox")).toBe(1);

  await chat.send("/delete");
  await chat.press("Да, удалить всё");

  testBot.clock.advance(24 * 60 * 60 * 1000);
  const waiting = testBot.app.store.staffOutbox.due().pending.map((pending) => pending.notice);
  expect(waiting.map((notice) => notice.kind)).toEqual(["erased"]);
  expect(waiting[0]).toMatchObject({ number: "B00001", patientName: "", phone: "", maskedIin: "" });
});
