import { afterEach, describe, expect, test } from "vitest";
import { chatAt, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_STAFF, IVANOV_SUMMARY } from "../support/booking";
import { count, rows } from "../support/database";
import { ALIYA, DOCTORS, IVAN, MARIA, SERVICES } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { appointmentItem, appointmentList, staffMessage, type AppointmentFacts } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const IVANOV_ITEM: AppointmentFacts = {
  number: "B00001",
  date: "ср, 2 декабря",
  time: "14:00",
  service: SERVICES.pediatrician.ru,
  doctor: DOCTORS.akhmetova.name.ru,
  patient: IVAN.name,
};

/** Ivan (chat 101) has booked B00001 for Wednesday 14:00. */
async function ivanWithBooking() {
  const chat = await chatAt(testBot, "summary", 101);
  await finishBooking(chat, "summary");
  return chat;
}

function statuses(): { number: string; status: string }[] {
  return rows(testBot, "select number, status from bookings order by number");
}

describe("/appointments", () => {
  test("someone with no bookings is told so and pointed to /book", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });

    expect(await chat.send("/appointments")).toEqual([{ text: t("ru", "appointments-none") }]);
  });

  test("someone with two bookings sees both, soonest first, each with its own buttons to move or cancel it", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking();
    await chat.send("/book");
    await finishBooking(chat, "who", {
      answers: { ...IVANOV, who: "other", iin: ALIYA.iin, minor: true, name: ALIYA.name, day: "вт, 1 декабря", time: "09:30" },
      summary: { ...IVANOV_SUMMARY, relation: "child", name: ALIYA.name, iin: ALIYA.maskedIin, when: "вт, 1 декабря, 09:30" },
      number: "B00002",
      booked: { ...IVANOV_BOOKED, date: "вт, 1 декабря", time: "09:30", other: { name: ALIYA.name, minor: true } },
    });

    expect(await chat.send("/appointments")).toEqual(
      appointmentList("ru", [{ ...IVANOV_ITEM, number: "B00002", date: "вт, 1 декабря", time: "09:30", patient: ALIYA.name }, IVANOV_ITEM]),
    );
  });

  test("cancelling a booking asks first; 'Нет, оставить' keeps it; 'Да, отменить' cancels it and tells the staff group", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking();

    expect(await chat.send("/appointments")).toEqual(appointmentList("ru", [IVANOV_ITEM]));
    const confirmation = {
      text: t("ru", "appointment-cancel-confirm", { details: appointmentItem("ru", IVANOV_ITEM) }),
      buttons: [[t("ru", "button-cancel-booking-yes")], [t("ru", "button-cancel-booking-no")]],
    };
    expect(await chat.press("Отменить эту запись")).toEqual([confirmation]);
    const yesOfTheFirst = chat.findButton("Да, отменить");
    expect(await chat.press("Нет, оставить")).toEqual([{ text: t("ru", "appointment-kept") }]);
    expect(chat.messages().at(-2)!.replyMarkup).toEqual({ inline_keyboard: [[{ text: "✓ Нет, оставить", callback_data: "booking-keep" }]] });
    // The confirmation is answered: its "Да" (a second tap, a stale client) cancels nothing.
    expect(await chat.pressAgain(yesOfTheFirst)).toEqual([]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(statuses()).toEqual([{ number: "B00001", status: "booked" }]);

    expect(await chat.press("Отменить эту запись")).toEqual([confirmation]);
    const yes = chat.findButton("Да, отменить");
    expect(await chat.press("Да, отменить")).toEqual([{ text: t("ru", "appointment-cancelled", { number: "B00001" }) }]);
    expect(statuses()).toEqual([{ number: "B00001", status: "cancelled" }]);
    expect(await testBot.staffMessages()).toEqual([staffMessage("booked", IVANOV_STAFF), staffMessage("cancelled", IVANOV_STAFF)]);

    // Its mark gives the same answer again, harmlessly.
    expect(await chat.pressAgain(yes)).toEqual([{ text: t("ru", "appointment-already-cancelled") }]);
    expect(await chat.send("/appointments")).toEqual([{ text: t("ru", "appointments-none") }]);
    expect(await testBot.staffMessages()).toHaveLength(2);
  });

  test("a booking whose time has passed can no longer be cancelled", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking();
    await chat.send("/appointments");
    await chat.press("Отменить эту запись");

    testBot.clock.set("2026-12-02T09:10:00.000Z"); // Wednesday 14:10 in Almaty
    expect(await chat.press("Да, отменить")).toEqual([{ text: t("ru", "appointment-past") }]);
    expect(statuses()).toEqual([{ number: "B00001", status: "booked" }]);
    expect(await chat.send("/appointments")).toEqual([{ text: t("ru", "appointments-none") }]);
  });

  test("a cancelled time becomes free again for someone else", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking();
    await chat.send("/appointments");
    await chat.press("Отменить эту запись");
    await chat.press("Да, отменить");

    const maria = await chatAt(testBot, "time", 102, { ...IVANOV, iin: MARIA.iin, name: MARIA.name });
    expect(maria.findButton("14:00").data).toMatch(/^slot:/);
    await finishBooking(maria, "time", {
      answers: { ...IVANOV, iin: MARIA.iin, name: MARIA.name },
      summary: { ...IVANOV_SUMMARY, name: MARIA.name, iin: MARIA.maskedIin },
      number: "B00002",
    });
  });

  test("a forged 'cancel' for someone else's booking finds nothing and the booking stays active", async () => {
    testBot = await TestBot.start();
    await ivanWithBooking();
    const ivanBookingId = rows<{ id: string }>(testBot, "select id from bookings where number = 'B00001'")[0]!.id;

    // Maria has an account and a booking of her own.
    const maria = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: MARIA.iin, name: MARIA.name, time: "14:30" });
    await maria.press("✅ Подтвердить");
    maria.replies();

    expect(await maria.pressData(`booking-cancel:${ivanBookingId}`)).toEqual([{ text: t("ru", "appointment-not-found") }]);
    expect(await maria.pressData(`booking-cancel-yes:${ivanBookingId}`)).toEqual([{ text: t("ru", "appointment-not-found") }]);

    // A stranger who never consented fares no better.
    const stranger = testBot.chat({ id: 103 });
    expect(await stranger.pressData(`booking-cancel-yes:${ivanBookingId}`)).toEqual([{ text: t("ru", "appointment-not-found") }]);

    expect(statuses()).toEqual([
      { number: "B00001", status: "booked" },
      { number: "B00002", status: "booked" },
    ]);
    expect((await testBot.staffMessages()).filter((message) => message.startsWith("❌"))).toEqual([]);
    expect(count(testBot, "accounts")).toBe(2);
  });
});
