import { afterEach, describe, expect, test, vi } from "vitest";
import { FLOOD_LIMIT } from "../../src/bot/flood-limit";
import { chatKey } from "../../src/domain/channel";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { chatAt } from "../support/booking";

let testBot: TestBot;
afterEach(() => {
  testBot.destroy();
  vi.useRealTimers();
});

/** The size of the chat's stored dialogue state, as the store keeps it (before encryption). */
function storedStateBytes(bot: TestBot, chatId: number): number {
  return JSON.stringify(bot.app.store.conversationStates.read(chatKey("telegram", chatId))).length;
}

describe("one chat cannot grow its state or slow the others", () => {
  test("wrong answers are answered but not kept: the stored state after 60 wrong IINs is the size it was after one", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "iin");
    await chat.send("123");
    const afterOne = storedStateBytes(testBot, chat.user.id);
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const replies = await chat.send(`1234567890${String(attempt).padStart(2, "0")}`);
      expect(replies.at(-1)?.text).toMatch(/^Введите ваш ИИН/);
    }
    expect(storedStateBytes(testBot, chat.user.id)).toBe(afterOne);
    // The answers given before the wrong ones are all still there.
    expect((await chat.send("900101300126")).at(-1)?.text).toMatch(/^Введите ваши фамилию/);
  });

  test("a chat sending more than a person could is told once, and the rest of its burst is not read", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    testBot = await TestBot.start({ floodLimit: FLOOD_LIMIT });
    const flooder = testBot.chat({ id: 501 });
    const replies = [];
    for (let index = 0; index < FLOOD_LIMIT.updates + 10; index += 1) replies.push(...(await flooder.send("/help")));
    const told = replies.filter((reply) => reply.text === t("ru", "too-many-messages"));
    expect(told).toHaveLength(1);
    expect(replies.filter((reply) => !told.includes(reply))).toHaveLength(FLOOD_LIMIT.updates);
    // Others are not affected, and the flooder is read again in the next window.
    expect(await testBot.chat({ id: 502 }).send("/help")).toHaveLength(1);
    vi.advanceTimersByTime(FLOOD_LIMIT.windowMs);
    expect(await flooder.send("/help")).toHaveLength(1);
  });
});
