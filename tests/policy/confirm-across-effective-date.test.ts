import { afterEach, expect, test } from "vitest";
import { chatAt } from "../support/booking";
import { count } from "../support/database";
import { t } from "../support/i18n";
import { PolicyWorkspace } from "../support/policy";

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
  expect(replies.map((reply) => reply.text)).toEqual([t("ru", "consent-missing")]);
  expect(count(bot, "bookings")).toBe(0);
});
