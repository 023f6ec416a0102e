import { afterEach, describe, expect, test } from "vitest";
import { chatAt, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_STAFF, IVANOV_SUMMARY } from "../support/booking";
import { count, rows } from "../support/database";
import { AIDAR, ALIYA, CLINIC, DOCTORS, IVAN as IVAN_PERSON, MARIA, PHONE, SERVICES } from "../support/fixtures";
import { DEFAULT_BOOKING_LIMITS } from "../../src/domain/fair-use";
import { noticesOf, sendSticker, TestBot, type TestBotOptions, type TestChat } from "../support/harness";
import { t } from "../support/i18n";
import { appointmentItem, booked, E, EK, R, staffMessage, summary, type StaffFacts } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

/** Ivan's facts as /edit shows them. */
const IVAN = { name: IVAN_PERSON.name, iin: IVAN_PERSON.maskedIin, phone: PHONE.shown };
const IVAN_ITEM = { number: "B00001", date: "ср, 2 декабря", time: "14:00", service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru };

/** The staff group's news of a correction in one of Ivan's family's bookings: the details now, and what each changed one was. */
function staffChanged(facts: Pick<StaffFacts, "number" | "patient" | "phone" | "iin"> & { time?: string }, was: { name?: string; phone?: string; iin?: string }): string {
  const line = (field: "name" | "phone" | "iin", old: string, now: string) => t("ru", "staff-changed-field", { field: t("ru", `staff-field-${field}`), old, now });
  return [
    staffMessage("changed", { ...IVANOV_STAFF, ...facts }),
    ...(was.name === undefined ? [] : [line("name", was.name, facts.patient)]),
    ...(was.phone === undefined ? [] : [line("phone", was.phone, facts.phone)]),
    ...(was.iin === undefined ? [] : [line("iin", was.iin, facts.iin)]),
  ].join("\n");
}

/** Ivan (chat 101) has booked himself, B00001 for Wednesday 14:00; the staff group already has that news. */
async function ivanWithBooking(number = "B00001"): Promise<TestChat> {
  const chat = await chatAt(testBot, "summary", 101);
  await finishBooking(chat, "summary", { number });
  await newStaffMessages();
  return chat;
}

/** Aidar (chat 102), a stranger to Ivan, has booked himself for Wednesday 16:00. */
async function aidarWithBooking(number = "B00001"): Promise<TestChat> {
  const chat = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: AIDAR.iin, name: AIDAR.name, time: "16:00" });
  await finishBooking(chat, "summary", {
    summary: { ...IVANOV_SUMMARY, name: AIDAR.name, iin: AIDAR.maskedIin, when: "ср, 2 декабря, 16:00" },
    number,
    booked: { ...IVANOV_BOOKED, time: "16:00" },
  });
  await newStaffMessages();
  return chat;
}

/** Ivan has also booked his wife Maria (B00002, 14:30) and his daughter Aliya, 11 (B00003, 15:00). */
async function ivanWithFamily(): Promise<TestChat> {
  const chat = await ivanWithBooking();
  testBot.clock.advance(60_000);
  await chat.send("/book");
  await finishBooking(chat, "who", {
    answers: { ...IVANOV, who: "other", iin: MARIA.iin, name: MARIA.name, time: "14:30" },
    summary: { ...IVANOV_SUMMARY, relation: "other", name: MARIA.name, iin: MARIA.maskedIin, when: "ср, 2 декабря, 14:30" },
    number: "B00002",
    booked: { ...IVANOV_BOOKED, time: "14:30", other: { name: MARIA.name, minor: false } },
  });
  testBot.clock.advance(60_000);
  await chat.send("/book");
  await finishBooking(chat, "who", {
    answers: { ...IVANOV, who: "other", minor: true, iin: ALIYA.iin, name: ALIYA.name, time: "15:00" },
    summary: { ...IVANOV_SUMMARY, relation: "child", name: ALIYA.name, iin: ALIYA.maskedIin, when: "ср, 2 декабря, 15:00" },
    number: "B00003",
    booked: { ...IVANOV_BOOKED, time: "15:00", other: { name: ALIYA.name, minor: true } },
  });
  chat.replies();
  await newStaffMessages();
  return chat;
}

let staffSeen = 0;
/** Messages the staff group received since the last call. */
async function newStaffMessages(): Promise<string[]> {
  const all = await testBot.staffMessages();
  const fresh = all.slice(staffSeen);
  staffSeen = all.length;
  return fresh;
}

async function start(options: TestBotOptions = {}): Promise<void> {
  testBot = await TestBot.start(options);
  staffSeen = 0;
}

function patientIdsOf(chatId: number): string[] {
  const accountId = testBot.app.store.accounts.findAccountId("telegram", chatId)!;
  return testBot.app.store.patients.peopleOf(accountId).map((person) => person.patientId);
}

describe("/edit corrects a person's details", () => {
  test("a man corrects his own name: the booking shows it in /appointments and the staff group is told", async () => {
    await start();
    const chat = await ivanWithBooking();

    expect(await chat.send("/edit")).toEqual([E.askField(IVAN)]);
    expect(await chat.press("ФИО")).toEqual([E.askNameSelf]);
    expect(await chat.send("иванов иван петрович")).toEqual([E.confirm("Иванов Иван Иванович", "name", "Иванов Иван Иванович", "Иванов Иван Петрович")]);
    expect(await chat.press("✅ Сохранить")).toEqual([E.saved(1)]);

    expect(await newStaffMessages()).toEqual([staffChanged({ number: "B00001", patient: "Иванов Иван Петрович", phone: IVAN.phone, iin: IVAN.iin }, { name: IVAN.name })]);
    expect((await chat.send("/appointments"))[1]!.text).toBe(appointmentItem("ru", { ...IVAN_ITEM, patient: "Иванов Иван Петрович" }));
    expect(count(testBot, "conversation_states")).toBe(0);
    expect(rows(testBot, "select action from audit_log where action = 'data.corrected'")).toHaveLength(1);
  });

  test("a typed phone, then the same person's shared contact: both saved, only the shared one confirmed", async () => {
    await start();
    const chat = await ivanWithBooking();

    await chat.send("/edit");
    expect(await chat.press("Телефон")).toEqual([E.askPhone]);
    expect(await chat.send("8 702 345 67 89")).toEqual([E.phoneReceived("+7 702 345 67 89"), E.confirm(IVAN.name, "phone", IVAN.phone, "+7 702 345 67 89")]);
    expect(await chat.press("✅ Сохранить")).toEqual([E.saved(1)]);
    expect(await newStaffMessages()).toEqual([staffChanged({ number: "B00001", patient: IVAN.name, phone: "+7 702 345 67 89", iin: IVAN.iin }, { phone: IVAN.phone })]);
    expect(rows(testBot, "select phone_confirmed from patient_links")).toEqual([{ phone_confirmed: 0 }]);

    expect(await chat.send("/edit")).toEqual([E.askField({ ...IVAN, phone: "+7 702 345 67 89" })]);
    await chat.press("Телефон");
    expect(await chat.shareContact("77011112233")).toEqual([E.phoneReceived("+7 701 111 22 33"), E.confirm(IVAN.name, "phone", "+7 702 345 67 89", "+7 701 111 22 33")]);
    expect(await chat.press("✅ Сохранить")).toEqual([E.saved(1)]);
    expect(await newStaffMessages()).toEqual([staffChanged({ number: "B00001", patient: IVAN.name, phone: "+7 701 111 22 33", iin: IVAN.iin }, { phone: "+7 702 345 67 89" })]);
    expect(rows(testBot, "select phone_confirmed from patient_links")).toEqual([{ phone_confirmed: 1 }]);
  });

  test("an IIN corrected to a new person: the confirmation and the staff alert show it masked, and the old IIN is gone", async () => {
    await start();
    const chat = await ivanWithBooking();

    await chat.send("/edit");
    expect(await chat.press("ИИН")).toEqual([E.askIinSelf]);
    expect(await chat.send("0102 0350 0771")).toEqual([E.confirm(IVAN.name, "iin", "9001******26", "0102******71")]);
    expect(await chat.press("✅ Сохранить")).toEqual([E.saved(1)]);

    expect(await newStaffMessages()).toEqual([staffChanged({ number: "B00001", patient: IVAN.name, phone: IVAN.phone, iin: "0102******71" }, { iin: IVAN.iin })]);
    expect(testBot.app.store.patients.findIdByIin(IVAN_PERSON.iin)).toBeUndefined();
    expect(count(testBot, "patients")).toBe(1);
    expect((await chat.send("/appointments"))[1]!.text).toBe(appointmentItem("ru", { ...IVAN_ITEM, patient: IVAN.name }));
  });

  test("an IIN corrected to one another account already booked with: linked to that person, the other account's details untouched", async () => {
    await start();
    const aidar = await aidarWithBooking();
    const chat = await ivanWithBooking("B00002");

    await chat.send("/edit");
    await chat.press("ИИН");
    expect(await chat.send("010203500771")).toEqual([E.confirm(IVAN.name, "iin", "9001******26", "0102******71")]);
    expect(await chat.press("✅ Сохранить")).toEqual([E.saved(1)]);

    expect(await newStaffMessages()).toEqual([staffChanged({ number: "B00002", patient: IVAN.name, phone: IVAN.phone, iin: "0102******71" }, { iin: IVAN.iin })]);
    expect(patientIdsOf(101)).toEqual(patientIdsOf(102));
    expect(count(testBot, "patients")).toBe(1);
    expect((await aidar.send("/appointments"))[1]!.text).toBe(
      appointmentItem("ru", { ...IVAN_ITEM, number: "B00001", time: "16:00", patient: AIDAR.name }),
    );
    expect((await chat.send("/appointments"))[1]!.text).toBe(appointmentItem("ru", { ...IVAN_ITEM, number: "B00002", patient: IVAN.name }));
  });

  test("with several people: choose one, go back to choose another, a minor's IIN asks for the representative again", async () => {
    await start();
    const chat = await ivanWithFamily();
    const family = [IVAN.name, MARIA.name, ALIYA.name];
    const maria = { name: MARIA.name, iin: MARIA.maskedIin, phone: IVAN.phone };
    const aliya = { name: ALIYA.name, iin: ALIYA.maskedIin, phone: IVAN.phone };

    expect(await chat.send("/edit")).toEqual([E.askPerson(family)]);
    expect(await chat.press("Иванова Мария Петровна")).toEqual([E.askField(maria, { back: true })]);
    expect(await chat.press("← Назад")).toEqual([E.askPerson(family)]);
    expect(await chat.press("Иванова Алия Ивановна")).toEqual([E.askField(aliya, { back: true })]);
    expect(await chat.press("ИИН")).toEqual([E.askIinOther]);
    expect(await chat.send("881202400564")).toEqual([E.otherPerson, E.askIinOther]);
    expect(await chat.send("150505600341")).toEqual([E.sameValue, E.askIinOther]);
    expect(await chat.send("160606600104")).toEqual([E.askRepresentative]);
    expect(await chat.press("Да, я родитель / законный представитель")).toEqual([E.confirm(aliya.name, "iin", "1505******41", "1606******04")]);
    expect(await chat.press("✅ Сохранить")).toEqual([E.saved(1)]);

    expect(await newStaffMessages()).toEqual([staffChanged({ number: "B00003", time: "15:00", patient: aliya.name, phone: IVAN.phone, iin: "1606******04" }, { iin: ALIYA.maskedIin })]);
    expect(rows(testBot, "select relation, representative_confirmed from patient_links order by created_at")).toEqual([
      { relation: "self", representative_confirmed: 0 },
      { relation: "other", representative_confirmed: 0 },
      { relation: "other", representative_confirmed: 1 },
    ]);
  });

  test("a person booked as themself cannot become a minor; an adult's corrected IIN needs no representative", async () => {
    await start();
    const chat = await ivanWithBooking();

    await chat.send("/edit");
    await chat.press("ИИН");
    expect(await chat.send("150505600341")).toEqual([E.minorSelf, E.askIinSelf]);
    expect(await chat.send("9001 0130 0126")).toEqual([E.sameValue, E.askIinSelf]);
    expect(await chat.send("881202400564")).toEqual([E.confirm(IVAN.name, "iin", "9001******26", "8812******64")]);
  });

  test("only upcoming bookings are announced: a visit that has passed changes silently", async () => {
    await start({ bookingLimits: { ...DEFAULT_BOOKING_LIMITS, perPersonAndService: 3 } });
    const chat = await chatAt(testBot, "summary", 101, { ...IVANOV, day: "вт, 1 декабря", time: "09:30" });
    await finishBooking(chat, "summary", {
      summary: { ...IVANOV_SUMMARY, when: "вт, 1 декабря, 09:30" },
      booked: { ...IVANOV_BOOKED, date: "вт, 1 декабря", time: "09:30" },
    });
    await chat.send("/book");
    await finishBooking(chat, "who", { number: "B00002" });
    await chat.send("/book");
    await finishBooking(chat, "who", {
      answers: { ...IVANOV, time: "16:00" },
      summary: { ...IVANOV_SUMMARY, when: "ср, 2 декабря, 16:00" },
      number: "B00003",
      booked: { ...IVANOV_BOOKED, time: "16:00" },
    });
    await newStaffMessages();
    testBot.clock.set("2026-12-01T07:00:00.000Z"); // 12:00 in Almaty: the 09:30 visit is over

    await chat.send("/edit");
    await chat.press("ФИО");
    await chat.send("Иванов Иван Петрович");
    expect(await chat.press("✅ Сохранить")).toEqual([E.saved(2)]);
    expect(await newStaffMessages()).toEqual([
      staffChanged({ number: "B00002", patient: "Иванов Иван Петрович", phone: IVAN.phone, iin: IVAN.iin }, { name: IVAN.name }),
      staffChanged({ number: "B00003", time: "16:00", patient: "Иванов Иван Петрович", phone: IVAN.phone, iin: IVAN.iin }, { name: IVAN.name }),
    ]);

    testBot.clock.set("2026-12-03T07:00:00.000Z");
    await chat.send("/edit");
    await chat.press("ФИО");
    await chat.send("Иванов Иван Иванович");
    expect(await chat.press("✅ Сохранить")).toEqual([E.saved(0)]);
    expect(await newStaffMessages()).toEqual([]);
  });

  test("in Kazakh: a woman shares her contact as her new phone, and is told in Kazakh", async () => {
    await start();
    const chat = testBot.chat({ id: 103 });
    await chat.send("/start");
    await chat.press("Қазақша");
    await chat.press("✅ Келісемін");
    await chat.press("Жоқ, бермеңіз");
    await chat.press("Өзім");
    await chat.send("881202400564");
    await chat.send("Сейтқали Айгерім Нұрланқызы");
    await chat.send("+7 701 234 56 78");
    await chat.press("Педиатр кеңесі");
    await chat.press("Ахметова Айгүл Серікбайқызы — Дәрігер-педиатр");
    await chat.press("сәрсенбі, 2 желтоқсан");
    expect(await chat.press("14:00")).toEqual([
      summary("kk", {
        relation: "self",
        name: "Сейтқали Айгерім Нұрланқызы",
        iin: "8812******64",
        phone: PHONE.shown,
        service: SERVICES.pediatrician.kk,
        doctor: DOCTORS.akhmetova.name.kk,
        when: "сәрсенбі, 2 желтоқсан, 14:00",
      }),
    ]);
    expect(await chat.press("✅ Растау")).toEqual([
      booked("kk", { number: "B00001", date: "сәрсенбі, 2 желтоқсан", time: "14:00", service: SERVICES.pediatrician.kk, doctor: DOCTORS.akhmetova.name.kk }),
    ]);
    await newStaffMessages();
    const aigerim = { name: "Сейтқали Айгерім Нұрланқызы", iin: "8812******64", phone: PHONE.shown };

    expect(await chat.send("/edit")).toEqual([EK.askField(aigerim)]);
    expect(await chat.press("Телефон")).toEqual([EK.askPhone]);
    expect(await chat.send("+7 701 234 56 78")).toEqual([EK.sameValue, EK.askPhone]);
    expect(await chat.shareContact("+77071234567")).toEqual([
      EK.phoneReceived("+7 707 123 45 67"),
      EK.confirm(aigerim.name, "phone", "+7 701 234 56 78", "+7 707 123 45 67"),
    ]);
    expect(await chat.press("✅ Сақтау")).toEqual([EK.saved(1)]);
    expect(await newStaffMessages()).toEqual([staffChanged({ number: "B00001", patient: aigerim.name, phone: "+7 707 123 45 67", iin: aigerim.iin }, { phone: PHONE.shown })]);

    expect(await chat.send("/edit")).toEqual([EK.askField({ ...aigerim, phone: "+7 707 123 45 67" })]);
    expect(await chat.press("ЖСН")).toEqual([EK.askIinSelf]);
    expect(await chat.send("150505600341")).toEqual([EK.minorSelf, EK.askIinSelf]);
    expect(await chat.send("/cancel")).toEqual([EK.cancelled]);
    expect(await testBot.chat({ id: 104, languageCode: "kk" }).send("/edit")).toEqual([EK.nothing]);
  });
});

describe("/edit and bad input", () => {
  test("every invalid name, phone and IIN gets the booking dialogue's message and the question again", async () => {
    await start();
    const chat = await ivanWithBooking();
    await chat.send("/edit");

    await chat.press("ФИО");
    expect(await chat.send("Иванов Иван 3")).toEqual([{ text: t("ru", "name-error-characters") }, E.askNameSelf]);
    expect(await chat.send("Ивanов Иван")).toEqual([{ text: t("ru", "name-error-mixed-script") }, E.askNameSelf]);
    expect(await chat.send("Иванов")).toEqual([{ text: t("ru", "name-error-word-count") }, E.askNameSelf]);
    expect(await chat.send("Иванов Иван Иванович")).toEqual([E.sameValue, E.askNameSelf]);
    expect(await sendSticker(testBot, chat)).toEqual([R.answerTextPlease, E.askNameSelf]);
    expect(await chat.press("← Назад")).toEqual([E.askField(IVAN)]);

    await chat.press("Телефон");
    expect(await chat.send("12345")).toEqual([{ text: t("ru", "phone-error-format") }, E.askPhone]);
    expect(await chat.send("+7 916 123 45 67")).toEqual([{ text: t("ru", "phone-error-country", { clinicPhone: CLINIC.phoneShown }) }, E.askPhone]);
    expect(await chat.send("+7 727 255 01 01")).toEqual([{ text: t("ru", "phone-error-not-mobile", { clinicPhone: CLINIC.phoneShown }) }, E.askPhone]);
    expect(await chat.shareContact("77012345678")).toEqual([E.sameValue, E.askPhone]);
    expect(await chat.send("← Назад")).toEqual([E.askField(IVAN)]);

    await chat.press("ИИН");
    expect(await chat.send("9001013001")).toEqual([{ text: t("ru", "iin-error-format") }, E.askIinSelf]);
    expect(await chat.send("900101700126")).toEqual([{ text: t("ru", "iin-error-century") }, E.askIinSelf]);
    expect(await chat.send("900230300126")).toEqual([{ text: t("ru", "iin-error-date") }, E.askIinSelf]);
    expect(await chat.send("270101500000")).toEqual([{ text: t("ru", "iin-error-future") }, E.askIinSelf]);
    expect(await chat.send("900101300127")).toEqual([{ text: t("ru", "iin-error-checksum") }, E.askIinSelf]);

    expect(await chat.send("/book")).toEqual([
      { text: t("ru", "edit-leave-question"), buttons: [[t("ru", "button-dialogue-continue")], [t("ru", "button-dialogue-leave-for-book")]] },
    ]);
    expect(await chat.press(t("ru", "button-dialogue-continue"))).toEqual([E.askIinSelf]);
    expect(await chat.send("/edit")).toEqual([E.busy, E.askIinSelf]);
    expect(await chat.press("← Назад")).toEqual([E.askField(IVAN)]);
    // A button's label typed is that button; text that names none is not.
    expect(await chat.send("ИИН")).toEqual([E.askIinSelf]);
    expect(await chat.send("назад")).toEqual([E.askField(IVAN)]);
    expect(await chat.send("паспорт")).toEqual([R.answerUseButtons, E.askField(IVAN)]);
    expect(await newStaffMessages()).toEqual([]);
  });

  test("Back from the confirmation asks for the value again; the cancel button and /cancel leave with nothing changed", async () => {
    await start();
    const chat = await ivanWithBooking();

    await chat.send("/edit");
    await chat.press("ФИО");
    await chat.send("Иванов Иван Петрович");
    expect(await chat.press("← Назад")).toEqual([E.askNameSelf]);
    expect(await chat.send("Иванов Пётр Иванович")).toEqual([E.confirm(IVAN.name, "name", IVAN.name, "Иванов Пётр Иванович")]);
    expect(await chat.press("✖ Отменить исправление")).toEqual([E.cancelled]);
    expect(noticesOf(testBot, chat).at(-1)).toBeUndefined();

    await chat.send("/edit");
    await chat.press("Телефон");
    expect(await chat.send("✖ Отменить исправление")).toEqual([E.cancelled]);

    await chat.send("/edit");
    await chat.press("ИИН");
    expect(await chat.send("/cancel")).toEqual([E.cancelled]);
    expect(await chat.send("/cancel")).toEqual([R.nothingToCancel]);

    expect(count(testBot, "conversation_states")).toBe(0);
    expect(testBot.app.store.patients.peopleOf(testBot.app.store.accounts.findAccountId("telegram", 101)!)).toEqual([
      expect.objectContaining({ fullName: IVAN.name, iin: IVAN_PERSON.iin, phone: PHONE.e164 }),
    ]);
    expect(await newStaffMessages()).toEqual([]);
  });

  test("/edit in the middle of a booking is answered by the booking, which goes on", async () => {
    await start();
    const chat = await chatAt(testBot, "name");

    expect(await chat.send("/edit")).toEqual([R.commandDuringDialogue, R.askNameSelf]);
    expect(await chat.send("/cancel")).toEqual([R.bookingCancelled]);
  });
});

describe("/edit refuses what is not the sender's to change", () => {
  test("a forged button with another account's patient id is refused inside /edit and outside it", async () => {
    await start();
    const chat = await ivanWithFamily();
    await aidarWithBooking("B00004");
    const [strangerPatient] = patientIdsOf(102);

    await chat.send("/edit");
    expect(await chat.pressData(`edit-person:${strangerPatient}`)).toEqual([E.askPerson([IVAN.name, MARIA.name, ALIYA.name])]);
    expect(noticesOf(testBot, chat).at(-1)).toBe(t("ru", "button-outdated"));
    await chat.send("/cancel");

    expect(await chat.pressData(`edit-person:${strangerPatient}`)).toEqual([]);
    expect(await chat.pressData("edit-field:iin")).toEqual([]);
    expect(await chat.pressData("edit:save")).toEqual([]);
    expect(noticesOf(testBot, chat).slice(-3)).toEqual([t("ru", "button-outdated"), t("ru", "button-outdated"), t("ru", "button-outdated")]);
    expect(await newStaffMessages()).toEqual([]);
    expect(rows(testBot, "select action from audit_log where action = 'data.corrected'")).toEqual([]);
  });

  test("double taps: a second tap on a field is outdated, a second tap on Save changes and announces nothing more", async () => {
    await start();
    const chat = await ivanWithBooking();

    await chat.send("/edit");
    const field = chat.findButton("ФИО");
    await chat.pressData(field.data, field.messageId);
    expect(await chat.pressData(field.data, field.messageId)).toEqual([E.askNameSelf]);
    expect(noticesOf(testBot, chat).at(-1)).toBe(t("ru", "button-outdated"));
    await chat.send("Иванов Иван Петрович");
    const save = chat.findButton("✅ Сохранить");
    expect(await chat.pressData(save.data, save.messageId)).toEqual([E.saved(1)]);
    expect(await chat.pressData(save.data, save.messageId)).toEqual([]);
    expect(noticesOf(testBot, chat).at(-1)).toBe(t("ru", "button-outdated"));

    expect(await newStaffMessages()).toHaveLength(1);
    expect(rows(testBot, "select action from audit_log where action = 'data.corrected'")).toHaveLength(1);
  });

  test("a person removed while the correction was open is not brought back, and nothing is saved", async () => {
    await start();
    const chat = await ivanWithFamily();

    await chat.send("/edit");
    await chat.press("Иванова Мария Петровна");
    await chat.press("ФИО");
    await chat.send("Иванова Мария Ивановна");
    const accountId = testBot.app.store.accounts.findAccountId("telegram", 101)!;
    testBot.app.services.erasure.forgetPerson(accountId, patientIdsOf(101)[1]!, { kind: "patient", id: accountId });
    await newStaffMessages();

    expect(await chat.press("✅ Сохранить")).toEqual([E.personGone]);
    expect(testBot.app.store.patients.peopleOf(accountId).map((person) => person.fullName)).toEqual([IVAN.name, ALIYA.name]);
    expect(await newStaffMessages()).toEqual([]);
  });

  test("with processing restricted (/block) a correction is still made, and the restriction stays; after a withdrawal it is refused with what to do instead", async () => {
    await start();
    const chat = await ivanWithBooking();
    const accountId = testBot.app.store.accounts.findAccountId("telegram", 101)!;
    const actor = { kind: "patient" as const, id: accountId };

    testBot.app.services.blocking.setBlocked(accountId, true, "patient", actor);
    const opened = await chat.send("/edit");
    expect(opened[0]).toEqual({ text: t("ru", "edit-while-blocked") });
    expect(opened[1]).toEqual(E.askField(IVAN));
    await chat.press("ФИО");
    await chat.send("Иванов Иван Петрович");
    expect(await chat.press("✅ Сохранить")).toEqual([{ text: t("ru", "edit-saved", { count: 1 }), removesKeyboard: true }]);
    expect(testBot.app.store.patients.peopleOf(accountId).map((person) => person.fullName)).toEqual(["Иванов Иван Петрович"]);
    expect(testBot.app.store.accounts.blockOf(accountId)?.blockedBy).toBe("patient");

    testBot.app.services.withdrawal.withdraw(accountId, actor);
    expect(await chat.send("/edit")).toEqual([{ text: t("ru", "edit-withdrawn"), removesKeyboard: true }]);
  });

  test("someone with no data, or who only consented, has nothing to correct", async () => {
    await start();
    expect(await testBot.chat({ id: 105 }).send("/edit")).toEqual([E.nothing]);

    const chat = await chatAt(testBot, "who", 106);
    await chat.send("/cancel");
    chat.replies();
    expect(await chat.send("/edit")).toEqual([E.nothing]);
    expect(count(testBot, "conversation_states")).toBe(0);
  });
});
