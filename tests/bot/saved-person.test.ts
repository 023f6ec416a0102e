import { afterEach, describe, expect, test } from "vitest";
import { bookAliya, chatAt, finishBooking, IVANOV, IVANOV_AGAIN, IVANOV_BOOKED, IVANOV_STAFF, IVANOV_SUMMARY, ivanWithBooking, reach } from "../support/booking";
import { count, rows } from "../support/database";
import { ALIYA, DOCTORS, IVAN, PHONE, SERVICES } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { askDoctorPediatrician, booked, R, staffMessage, summary, type SummaryFacts } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const NEW_NAME = "Иванов Иван Петрович";
/** Aliya as Ivan saved her (booked for Thursday 3 December), on a new booking's summary. */
const ALIYA_SUMMARY: SummaryFacts = { ...IVANOV_SUMMARY, relation: "child", name: ALIYA.name, iin: ALIYA.maskedIin };

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
    await reach(chat, "summary", { ...IVANOV_AGAIN, time: "14:30" });
    await chat.press(t("ru", "button-change"));
    expect(await chat.press(t("ru", "button-change-name"))).toEqual([R.askNameSelf]);
    const shown = await chat.send(NEW_NAME);
    const plain = summary("ru", { ...IVANOV_SUMMARY, name: NEW_NAME, when: "ср, 2 декабря, 14:30" });
    const change = t("ru", "summary-saved-change", { field: t("ru", "button-change-name"), old: IVAN.name, new: NEW_NAME });
    expect(shown).toEqual([{ ...plain, text: `${plain.text}\n\n${t("ru", "summary-saved-changes", { changes: change, upcoming: 1 })}` }]);
    expect(relationsOf(101)).toEqual([`${IVAN.name} self`]);
    await finishBooking(chat, "summary", { number: "B00002", booked: { ...IVANOV_BOOKED, time: "14:30" } });
    expect(relationsOf(101)).toEqual([`${NEW_NAME} self`]);
  });

  test("Aliya's IIN typed afresh under 'someone else' brings her saved name and phone: nothing more is asked, and nothing changes", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await bookAliya(testBot, chat, "B00002");
    testBot.clock.advance(60_000);
    await chat.send("/book");
    await chat.press(t("ru", "button-who-other"));
    expect(await chat.send(ALIYA.iin)).toEqual([R.askService]);
    await chat.press(SERVICES.neurologist.ru);
    await chat.press("ср, 2 декабря");
    expect(await chat.press("15:20")).toEqual([
      summary("ru", { ...ALIYA_SUMMARY, service: SERVICES.neurologist.ru, doctor: DOCTORS.nurlanov.name.ru, when: "ср, 2 декабря, 15:20" }),
    ]);
    expect(relationsOf(101)).toEqual([`${IVAN.name} self`, `${ALIYA.name} other`]);
  });
});

describe("a returning family chooses a saved person instead of typing", () => {
  const aliyaButton = t("ru", "button-who-saved", { name: ALIYA.name, iin: ALIYA.maskedIin });

  test("/book lists the people the chat booked for, children first by name and masked IIN, then 'myself' and 'someone else'", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await bookAliya(testBot, chat, "B00002");
    expect(await chat.send("/book")).toEqual([R.askWhoSaved([aliyaButton])]);
  });

  test("Ivan books his saved daughter in four taps without typing: her, the service, any specialist at the earliest time, confirm", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await bookAliya(testBot, chat, "B00002");
    testBot.clock.advance(60_000);
    await chat.send("/book");

    // At 08:02 Ахметова's 09:00 is inside the booking lead time; Садыкова is free at 09:20.
    const earliest = "вт, 1 декабря, 09:20";
    expect(await chat.press(aliyaButton)).toEqual([R.askService]);
    expect(await chat.press(SERVICES.pediatrician.ru)).toEqual([askDoctorPediatrician("ru", earliest)]);
    expect(await chat.press(t("ru", "button-any-doctor", { when: earliest }))).toEqual([summary("ru", { ...ALIYA_SUMMARY, doctor: DOCTORS.sadykova.name.ru, when: earliest })]);
    expect(await chat.press(t("ru", "button-confirm"))).toEqual([
      booked("ru", { ...IVANOV_BOOKED, number: "B00003", date: "вт, 1 декабря", time: "09:20", doctor: DOCTORS.sadykova.name.ru, other: { name: ALIYA.name, minor: true } }),
    ]);

    expect(relationsOf(101)).toEqual([`${IVAN.name} self`, `${ALIYA.name} other`]);
    expect(rows(testBot, "select relation, representative_confirmed from patient_links order by created_at")).toEqual([
      { relation: "self", representative_confirmed: 0 },
      { relation: "other", representative_confirmed: 1 },
    ]);
    expect(count(testBot, "bookings")).toBe(3);
  });

  test("a saved phone is changed on the summary, shown old -> new, and the saved person keeps it after the booking", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await bookAliya(testBot, chat, "B00002");
    testBot.clock.advance(60_000);
    await chat.send("/book");
    await chat.press(aliyaButton);
    await chat.press(SERVICES.pediatrician.ru);
    await chat.press(t("ru", "button-any-doctor", { when: "вт, 1 декабря, 09:20" }));
    await chat.press(t("ru", "button-change"));
    expect(await chat.press(t("ru", "button-change-phone"))).toEqual([R.askPhone]);
    const [saved, shown] = await chat.send("+7 705 765 43 21");
    expect(saved).toEqual(R.phoneSaved("+7 705 765 43 21"));
    const change = t("ru", "summary-saved-change", { field: t("ru", "button-change-phone"), old: PHONE.shown, new: "+7 705 765 43 21" });
    expect(shown!.text).toContain(t("ru", "summary-saved-changes", { changes: change, upcoming: 1 }));
    await chat.press(t("ru", "button-confirm"));
    const accountId = testBot.app.store.accounts.findAccountId("telegram", 101)!;
    expect(testBot.app.store.patients.peopleOf(accountId).map((person) => person.phone)).toEqual([PHONE.e164, "+77057654321"]);
  });
  test("a saved person erased by a paper request while the question was open cannot be chosen: the open dialogue went with her data", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await bookAliya(testBot, chat, "B00002");
    await chat.send("/book");
    testBot.app.services.paperRequests.erase(ALIYA.iin, { kind: "admin", id: "reception" });
    expect(await chat.press(aliyaButton)).toEqual([]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(await chat.send("/book")).toEqual([R.askWhoSaved([])]);
  });
});

describe("what a chat typed is never taken as who it is", () => {
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
