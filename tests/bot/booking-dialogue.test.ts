import { afterEach, describe, expect, test } from "vitest";
import { chatAt, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_STAFF, IVANOV_SUMMARY, reach, startIn } from "../support/booking";
import { count, rows } from "../support/database";
import { ALIYA, DOCTORS, MARIA, PHONE, SERVICES } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { booked, K, R, staffMessage, summary, WELCOME_CHOOSE_LANGUAGE } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

function withStaff(transcript: string, staff: string[]): string {
  return `${transcript}\nThe staff group:\n${staff.map((message) => `< ${message.replaceAll("\n", "\n  ")}`).join("\n")}\n`;
}

describe("a whole booking", () => {
  test("a Russian-speaking man books himself for the paediatrician and the staff group is told", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });

    expect(await chat.send("/start")).toEqual([WELCOME_CHOOSE_LANGUAGE]);
    expect(await chat.press("Русский")).toEqual([R.welcome, R.policyWithConsent]);
    expect(await chat.press("✅ Согласен(на)")).toEqual([R.thirdParty]);
    expect(await chat.press("Нет, не передавать")).toEqual([R.thirdPartyDeclined, R.askWho]);
    expect(await chat.press("Я сам(а)")).toEqual([R.askIinSelf]);
    expect(await chat.send("9001 0130 0126")).toEqual([R.askNameSelf]);
    expect(await chat.send("Иванов Иван Иванович")).toEqual([R.askPhone]);
    expect(await chat.shareContact("77012345678")).toEqual([R.phoneSaved("+7 701 234 56 78"), R.askService]);
    expect(await chat.press("Консультация педиатра")).toEqual([R.askDoctorPediatrician]);
    expect(await chat.press("Ахметова Айгуль Серикбаевна — Врач-педиатр")).toEqual([R.askDayAkhmetova]);
    expect(await chat.press("ср, 2 декабря")).toEqual([R.askTimeAkhmetovaWed2]);
    expect(await chat.press("14:00")).toEqual([summary("ru", IVANOV_SUMMARY)]);
    expect(await chat.press("✅ Подтвердить")).toEqual([booked("ru", { number: "B00001", ...IVANOV_BOOKED })]);

    const staff = await testBot.staffMessages();
    expect(staff).toEqual([staffMessage("booked", IVANOV_STAFF)]);
    expect(count(testBot, "conversation_states")).toBe(0);
    expect(rows(testBot, "select status from bookings")).toEqual([{ status: "booked" }]);
    // The whole conversation as the man and the staff saw it: a change of wording shows in review.
    await expect(withStaff(chat.transcript(), staff)).toMatchFileSnapshot("__snapshots__/booking-dialogue.ru.txt");
  });

  test("a Kazakh-speaking mother books her daughter in Kazakh and the staff group is told in Russian", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 102 });

    expect(await chat.send("/start")).toEqual([WELCOME_CHOOSE_LANGUAGE]);
    expect(await chat.press("Қазақша")).toEqual([K.welcome, K.policyWithConsent]);
    expect(await chat.press("✅ Келісемін")).toEqual([K.thirdParty]);
    expect(await chat.press("Иә, келісемін")).toEqual([K.thirdPartyGranted, K.askWho]);
    expect(await chat.press("Басқа адам (мысалы, балам)")).toEqual([K.askIinOther]);
    expect(await chat.send("150505600341")).toEqual([K.askRepresentative]);
    expect(await chat.press("Иә, мен ата-анасымын / заңды өкілімін")).toEqual([K.askNameOther]);
    expect(await chat.send("Сейтқали Айгерім Нұрланқызы")).toEqual([K.askPhone]);
    expect(await chat.send("8 701 234 56 78")).toEqual([K.phoneSaved("+7 701 234 56 78"), K.askService]);
    expect(await chat.press("Педиатр кеңесі")).toEqual([K.askDoctorPediatrician]);
    expect(await chat.press("Ахметова Айгүл Серікбайқызы — Дәрігер-педиатр")).toEqual([K.askDayAkhmetova]);
    expect(await chat.press("сәрсенбі, 2 желтоқсан")).toEqual([K.askTimeAkhmetovaWed2]);
    expect(await chat.press("14:00")).toEqual([
      summary("kk", {
        relation: "child",
        name: "Сейтқали Айгерім Нұрланқызы",
        iin: ALIYA.maskedIin,
        phone: PHONE.shown,
        service: SERVICES.pediatrician.kk,
        doctor: DOCTORS.akhmetova.name.kk,
        when: "сәрсенбі, 2 желтоқсан, 14:00",
      }),
    ]);
    expect(await chat.press("✅ Растау")).toEqual([
      booked("kk", { number: "B00001", date: "сәрсенбі, 2 желтоқсан", time: "14:00", service: SERVICES.pediatrician.kk, doctor: DOCTORS.akhmetova.name.kk, other: { name: "Сейтқали Айгерім Нұрланқызы", minor: true } }),
    ]);

    const staff = await testBot.staffMessages();
    expect(staff).toEqual([
      staffMessage("booked", { ...IVANOV_STAFF, patient: "Сейтқали Айгерім Нұрланқызы", iin: ALIYA.maskedIin, minorAge: 11, language: "kk" }),
    ]);
    expect(rows(testBot, "select relation, representative_confirmed from patient_links")).toEqual([
      { relation: "other", representative_confirmed: 1 },
    ]);
    await expect(withStaff(chat.transcript(), staff)).toMatchFileSnapshot("__snapshots__/booking-dialogue.kk.txt");
  });

  test("someone who already consented books a second time with /book and goes straight to who is coming", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "who");
    await finishBooking(chat, "who");

    expect(await chat.send("/book")).toEqual([R.askWhoSaved([])]);
    const wife = { ...IVANOV, who: "other" as const, iin: MARIA.iin, name: MARIA.name, time: "14:30" };
    await finishBooking(chat, "who", {
      answers: wife,
      number: "B00002",
      summary: { ...IVANOV_SUMMARY, relation: "other", name: MARIA.name, iin: MARIA.maskedIin, when: "ср, 2 декабря, 14:30" },
      booked: { ...IVANOV_BOOKED, time: "14:30", other: { name: MARIA.name, minor: false } },
    });
    expect(count(testBot, "accounts")).toBe(1);
    expect(rows(testBot, "select purpose from consents order by purpose")).toEqual([{ purpose: "processing" }, { purpose: "third_party" }]);
  });

  test("/start after a finished booking greets again and goes straight to who is coming", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");
    await finishBooking(chat, "summary");

    expect(await chat.send("/start")).toEqual([R.welcome, R.askWhoSaved([])]);
  });

  test("a double tap on Confirm books once; the second tap is told the button no longer works", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    const [first, second] = await Promise.all([chat.press("✅ Подтвердить"), chat.press("✅ Подтвердить")]);
    expect([...first, ...second]).toEqual([booked("ru", { number: "B00001", ...IVANOV_BOOKED })]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(count(testBot, "bookings")).toBe(1);
    expect(await testBot.staffMessages()).toHaveLength(1);
  });
});

describe("a restart of the bot in the middle of a booking", () => {
  test("a person who was asked for their name before the restart answers after it and the booking completes", async () => {
    testBot = await TestBot.start({ file: true });
    const before = testBot.chat({ id: 103 });
    await startIn(before);
    expect(await reach(before, "name")).toEqual([R.askNameSelf]);

    testBot.close();
    testBot = await TestBot.start({ directory: testBot.directory, clock: testBot.clock });
    const after = testBot.chat({ id: 103 });

    expect(await after.send("Иванов Иван Иванович")).toEqual([R.askPhone]);
    expect(await after.send("+7 701 234 56 78")).toEqual([R.phoneSaved(PHONE.shown), R.askService]);
    await finishBooking(after, "service");
    expect(await testBot.staffMessages()).toEqual([
      staffMessage("booked", IVANOV_STAFF),
    ]);
  });

  test("a person looking at the summary when the bot restarts can still confirm the free time they chose", async () => {
    testBot = await TestBot.start({ file: true });
    const before = await chatAt(testBot, "summary", 104);

    testBot.close();
    testBot = await TestBot.start({ directory: testBot.directory, clock: testBot.clock });
    const after = testBot.chat({ id: 104 });

    // Nobody else booked Wednesday 14:00, so "someone else just took this time" would be untrue.
    expect(await after.pressData("summary:confirm", before.messages().at(-1)!.messageId)).toEqual([booked("ru", { number: "B00001", ...IVANOV_BOOKED })]);
  });
});

describe("a chosen time that can no longer be booked", () => {
  test("someone who lingers on the summary until their time is too close is not told that another person took it", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary", 105, { ...IVANOV, day: "вт, 1 декабря", time: "09:30" });

    // 08:45 in Almaty: 09:30 is now within the hour staff need to prepare, and nobody else booked it.
    testBot.clock.set("2026-12-01T03:45:00.000Z");
    const replies = await chat.press("✅ Подтвердить");
    expect(replies[0]).toEqual({ text: t("ru", "slot-gone") });
    expect(count(testBot, "bookings")).toBe(0);
  });
});

describe("two patients racing for one slot", () => {
  const maria = { ...IVANOV, iin: MARIA.iin, name: MARIA.name };
  const mariaSummary = { ...IVANOV_SUMMARY, name: MARIA.name, iin: MARIA.maskedIin };
  const alternatives = {
    text: t("ru", "ask-alternative"),
    // Wednesday 14:00 was lost: that afternoon's free times come first, not Tuesday morning's.
    buttons: [
      ["ср, 2 декабря, 14:30"],
      ["ср, 2 декабря, 15:00"],
      ["ср, 2 декабря, 15:30"],
      ["ср, 2 декабря, 16:00"],
      ["ср, 2 декабря, 16:30"],
      ["ср, 2 декабря, 17:00"],
      [t("ru", "button-other-day")],
      [t("ru", "button-cancel")],
    ],
  };

  function activeBookingsForWednesdayTwo(): number {
    return rows<{ c: number }>(
      testBot,
      "select count(*) c from bookings b join slots s on s.id = b.slot_id where b.status = 'booked' and s.doctor_id = 'akhmetova-aigul' and s.starts_at = '2026-12-02T09:00:00.000Z'",
    )[0]!.c;
  }

  test("the second to confirm is told the time was just taken, is offered the nearest free times and books one", async () => {
    testBot = await TestBot.start();
    const ivan = await chatAt(testBot, "summary", 201);
    const mary = await chatAt(testBot, "summary", 202, maria);

    expect(await ivan.press("✅ Подтвердить")).toEqual([booked("ru", { number: "B00001", ...IVANOV_BOOKED })]);
    expect(await mary.press("✅ Подтвердить")).toEqual([R.slotTaken, alternatives]);
    expect(activeBookingsForWednesdayTwo()).toBe(1);

    expect(await mary.press("ср, 2 декабря, 14:30")).toEqual([summary("ru", { ...mariaSummary, when: "ср, 2 декабря, 14:30" })]);
    expect(await mary.press("✅ Подтвердить")).toEqual([booked("ru", { ...IVANOV_BOOKED, number: "B00002", time: "14:30" })]);
    expect(count(testBot, "bookings")).toBe(2);
  });

  test("the one who lost the slot may pick another day instead of the nearest times", async () => {
    testBot = await TestBot.start();
    const ivan = await chatAt(testBot, "summary", 203);
    const mary = await chatAt(testBot, "summary", 204, maria);
    await ivan.press("✅ Подтвердить");
    await mary.press("✅ Подтвердить");

    expect(await mary.press("Выбрать другой день")).toEqual([R.askDayAkhmetova]);
    expect(await mary.press("ср, 2 декабря")).toEqual([
      { ...R.askTimeAkhmetovaWed2, buttons: [["14:30", "15:00", "15:30", "16:00"], ["16:30", "17:00", "17:30"], [t("ru", "button-back"), t("ru", "button-cancel")]] },
    ]);
    expect(await mary.press("17:30")).toEqual([summary("ru", { ...mariaSummary, when: "ср, 2 декабря, 17:30" })]);
    expect(await mary.press("✅ Подтвердить")).toEqual([booked("ru", { ...IVANOV_BOOKED, number: "B00002", time: "17:30" })]);
  });

  test("someone who changed their name on the summary and then loses the slot is still offered the nearest free times", async () => {
    testBot = await TestBot.start();
    const ivan = await chatAt(testBot, "summary", 207);
    await ivan.press("✏️ Изменить");
    await ivan.press("ФИО");
    expect(await ivan.send("Иванов Иван")).toEqual([summary("ru", { ...IVANOV_SUMMARY, name: "Иванов Иван" })]);
    const mary = await chatAt(testBot, "summary", 208, maria);
    await mary.press("✅ Подтвердить");

    expect(await ivan.press("✅ Подтвердить")).toEqual([R.slotTaken, alternatives]);
    expect(activeBookingsForWednesdayTwo()).toBe(1);
  });

  test("when both confirm at the same moment exactly one gets the slot and the other is offered alternatives", async () => {
    testBot = await TestBot.start();
    const ivan = await chatAt(testBot, "summary", 205);
    const mary = await chatAt(testBot, "summary", 206, maria);

    const [ivanReplies, maryReplies] = await Promise.all([ivan.press("✅ Подтвердить"), mary.press("✅ Подтвердить")]);
    const outcomes = [ivanReplies, maryReplies];
    const winners = outcomes.filter((replies) => replies.length === 1 && replies[0]!.text === booked("ru", { number: "B00001", ...IVANOV_BOOKED }).text);
    const losers = outcomes.filter((replies) => replies.length === 2);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toEqual([booked("ru", { number: "B00001", ...IVANOV_BOOKED })]);
    expect(losers).toEqual([[R.slotTaken, alternatives]]);
    expect(activeBookingsForWednesdayTwo()).toBe(1);
    expect(count(testBot, "bookings")).toBe(1);
    expect(await testBot.staffMessages()).toHaveLength(1);
  });
});
