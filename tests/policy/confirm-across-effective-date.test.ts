import { afterEach, expect, test } from "vitest";
import { chatAt, count } from "../bot/dialogue";
import { PolicyWorkspace } from "./support";

let workspace: PolicyWorkspace;
afterEach(() => workspace.destroy());

const FIRST_MINUTE_OF_2_DECEMBER = "2026-12-01T19:00:00.000Z"; // 00:00 in Almaty

test("a booking begun under version 1.0 and confirmed after 1.1 took effect is not written on the old consent", async () => {
  workspace = new PolicyWorkspace();
  const bot = await workspace.start();
  const chat = await chatAt(bot, "summary", 101);
  expect(await workspace.publish(bot, { "--effective": "2026-12-02" })).toBe(0);

  bot.clock.set(FIRST_MINUTE_OF_2_DECEMBER);
  const replies = await chat.press("✅ Подтвердить");
  expect(replies.map((reply) => reply.text)).toEqual([
    "Согласие на обработку данных не найдено, поэтому запись не сохранена. Отправьте /start, чтобы начать заново.",
  ]);
  expect(count(bot, "bookings")).toBe(0);
});
