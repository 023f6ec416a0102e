import { afterEach, describe, expect, test, vi } from "vitest";
import { chatKey } from "../../src/domain/channel";
import { TestBot } from "../support/harness";
import { booked } from "../support/replies";
import { chatAt, IVANOV, IVANOV_BOOKED, ivanWithBooking } from "../support/booking";
import { MARIA } from "../support/fixtures";
import { t } from "../support/i18n";

let testBot: TestBot;
afterEach(() => testBot.destroy());

/** The chat's open dialogue as the store keeps it, as JSON. */
function storedState(chat: { user: { id: number } }): string {
  return JSON.stringify(testBot.app.store.conversationStates.read(chatKey("telegram", chat.user.id)));
}

/** How many updates the chat's open dialogue keeps to replay. */
function updatesKept(chat: { user: { id: number } }): number {
  return storedState(chat).split('"update_id"').length - 1;
}

/**
 * A dialogue replays every answer given so far on each update, so whatever runs per replayed answer
 * makes the last steps the slowest (issue 14). These stories count the work one update does.
 */
describe("the work of one update does not grow with the answers before it", () => {
  test("a person choosing a time at the end of the booking: the chat's language is looked up once for that update", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "time");
    const lookups = vi.spyOn(testBot.app.store.preferences, "getLocale");
    const replies = await chat.press(IVANOV.time);
    expect(replies.at(-1)?.text).toMatch(/^Проверьте, пожалуйста/);
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  test("a person typing their name in the middle of the booking: the update is served by statements compiled before", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "name");
    const compile = vi.spyOn(testBot.app.store.db.$client, "prepare");
    const replies = await chat.send(IVANOV.name);
    expect(replies.at(-1)?.text).toMatch(/^Укажите номер/);
    expect(compile.mock.calls.map(([source]) => source)).toEqual([]);
  });

  test("a person confirming a booking after someone else booked: the booking is written by statements compiled before", async () => {
    testBot = await TestBot.start();
    // The first booking compiles what the first use of each statement needs; the second shows what every later one costs.
    await ivanWithBooking(testBot, 101);
    const chat = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: MARIA.iin, name: MARIA.name, time: "14:30" });
    const compile = vi.spyOn(testBot.app.store.db.$client, "prepare");
    const replies = await chat.press(t("ru", "button-confirm"));
    expect(replies).toEqual([booked("ru", { number: "B00002", ...IVANOV_BOOKED, time: "14:30" })]);
    expect(compile.mock.calls.map(([source]) => source)).toEqual([]);
  });

  test("a person giving their consents after someone else did: both consents are recorded by statements compiled before", async () => {
    testBot = await TestBot.start();
    await chatAt(testBot, "who", 101);
    const chat = testBot.chat({ id: 102 });
    await chat.send("/start");
    await chat.press(t("ru", "language-ru"));
    const compile = vi.spyOn(testBot.app.store.db.$client, "prepare");
    await chat.press(t("ru", "button-consent-yes"));
    const replies = await chat.press(t("ru", "button-third-party-no"));
    expect(replies.at(-1)?.buttons?.flat()).toContain(t("ru", "button-who-self"));
    expect(compile.mock.calls.map(([source]) => source)).toEqual([]);
  });

  test("a person at the summary has a dialogue that replays no more of their answers than at the name question", async () => {
    testBot = await TestBot.start();
    const atName = await chatAt(testBot, "name", 101);
    const atSummary = await chatAt(testBot, "summary", 102);
    expect(updatesKept(atName)).toBeGreaterThan(0);
    expect(updatesKept(atSummary)).toBe(updatesKept(atName));
  });

  test("a person asked who is coming, right after giving their consents, has a dialogue that replays none of the consent answers", async () => {
    testBot = await TestBot.start();
    const atWho = await chatAt(testBot, "who", 101);
    const atName = await chatAt(testBot, "name", 102);
    expect(updatesKept(atWho)).toBeGreaterThan(0);
    expect(updatesKept(atWho)).toBe(updatesKept(atName));
  });

  test("a person at the service question has a dialogue that keeps the services' ids, not their names and descriptions in two languages", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service", 101);
    const kept = storedState(chat);
    const services = testBot.app.store.catalog.listServices();
    expect(services.length).toBeGreaterThan(1);
    for (const service of services) {
      expect(kept).toContain(JSON.stringify(service.id));
      expect(kept).not.toContain(service.name.ru);
      expect(kept).not.toContain(service.name.kk);
    }
  });

  test("a person who picks Kazakh with the start buttons is asked the dialogue's first question in Kazakh", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 301 });
    await chat.send("/start");
    const replies = await chat.press(t("kk", "language-kk"));
    expect(replies.map((reply) => reply.text)).toContain(t("kk", "welcome"));
    expect(replies.at(-1)?.buttons?.flat()).toContain(t("kk", "button-consent-yes"));
  });
});
