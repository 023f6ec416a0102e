import { afterEach, describe, expect, test } from "vitest";
import { chatAt, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_STAFF, IVANOV_SUMMARY, ivanWithBooking, reach } from "../support/booking";
import { count } from "../support/database";
import { IVAN, PHONE } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { R, staffMessage, summary } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const NEW_NAME = "Иванов Иван Петрович";

function relationsOf(chatId: number): string[] {
  const accountId = testBot.app.store.accounts.findAccountId("telegram", chatId)!;
  return testBot.app.store.patients.peopleOf(accountId).map((person) => `${person.fullName} ${person.relation}`);
}

describe("a typed IIN the chat already saved is that saved person", () => {
  test("Ivan's own IIN typed for 'another person' is refused: he stays 'myself' and nothing is booked", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await chat.send("/book");
    await chat.press(t("ru", "button-who-other"));
    expect(await chat.send(IVANOV.iin)).toEqual([{ text: t("ru", "iin-error-saved-self") }, R.askIinOther]);
    expect(relationsOf(101)).toEqual([`${IVAN.name} self`]);
    expect(count(testBot, "bookings")).toBe(1);
  });

  test("a different name for a saved person is shown old -> new on the summary, with the upcoming bookings that follow it, before anything changes", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    testBot.clock.advance(60_000);
    await chat.send("/book");
    const shown = await reach(chat, "summary", { ...IVANOV, name: NEW_NAME, time: "14:30" });
    const plain = summary("ru", { ...IVANOV_SUMMARY, name: NEW_NAME, when: "ср, 2 декабря, 14:30" });
    const change = t("ru", "summary-saved-change", { field: t("ru", "button-change-name"), old: IVAN.name, new: NEW_NAME });
    expect(shown.at(-1)).toEqual({ ...plain, text: `${plain.text}\n\n${t("ru", "summary-saved-changes", { changes: change, upcoming: 1 })}` });
    expect(relationsOf(101)).toEqual([`${IVAN.name} self`]);
    await finishBooking(chat, "summary", { number: "B00002", booked: { ...IVANOV_BOOKED, time: "14:30" } });
    expect(relationsOf(101)).toEqual([`${NEW_NAME} self`]);
  });

  test("the booking service never flips a saved 'myself' to 'another person', whatever the request says", async () => {
    testBot = await TestBot.start();
    await ivanWithBooking(testBot);
    const accountId = testBot.app.store.accounts.findAccountId("telegram", 101)!;
    const slot = testBot.app.store.availability.freeSlotsOn("akhmetova-aigul", "2026-12-02")[1]!;
    const outcome = testBot.app.services.bookings.book({
      accountId,
      channel: "telegram",
      relation: "other",
      representativeConfirmed: false,
      person: { iin: IVAN.iin, fullName: IVAN.name, phone: PHONE.e164, phoneConfirmed: false },
      serviceId: "pediatrician",
      slotId: slot.id,
      policyVersion: "1.0",
      draftKey: "forged",
    });
    expect(outcome.ok).toBe(true);
    expect(relationsOf(101)).toEqual([`${IVAN.name} self`]);
  });

  test("a second chat that claims Ivan's IIN as 'myself' is booked, and staff see the claim marked, with nothing of the first chat", async () => {
    testBot = await TestBot.start();
    await ivanWithBooking(testBot);
    const other = await chatAt(testBot, "summary", 202, { ...IVANOV, time: "14:30" });
    await finishBooking(other, "summary", { number: "B00002", booked: { ...IVANOV_BOOKED, time: "14:30" } });
    expect(await testBot.staffMessages()).toEqual([
      staffMessage("booked", IVANOV_STAFF),
      `${staffMessage("booked", { ...IVANOV_STAFF, number: "B00002", time: "14:30" })}\n${t("ru", "staff-iin-claimed-elsewhere")}`,
    ]);
  });
});
