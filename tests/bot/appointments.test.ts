import { afterEach, describe, expect, test } from "vitest";
import { TestBot } from "../support/harness";
import { chatAt, count, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_SUMMARY, rows } from "./dialogue";
import { RU, ruAppointmentItem, staffBooked, staffCancelled } from "./texts";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const IVANOV_ITEM = {
  number: "B00001",
  date: "02.12.2026",
  time: "14:00",
  service: "Консультация педиатра",
  doctor: "Ахметова Айгуль Серикбаевна",
  patient: "Иванов Иван Иванович",
};

const IVANOV_STAFF = {
  number: "B00001",
  service: "Консультация педиатра",
  doctor: "Ахметова Айгуль Серикбаевна",
  date: "02.12.2026",
  time: "14:00",
  patient: "Иванов Иван Иванович",
  phone: "+7 701 234 56 78",
  iin: "9001******26",
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

    expect(await chat.send("/appointments")).toEqual([{ text: RU.appointmentsNone }]);
  });

  test("someone with two bookings sees both, soonest first, each with its own cancel button", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking();
    await chat.send("/book");
    await finishBooking(chat, "who", {
      answers: { ...IVANOV, who: "other", iin: "150505600341", minor: true, name: "Иванова Алия Ивановна", day: "вт, 1 декабря", time: "09:30" },
      summary: { ...IVANOV_SUMMARY, relation: "другой человек", name: "Иванова Алия Ивановна", iin: "1505******41", when: "вт, 1 декабря, 09:30" },
      number: "B00002",
      booked: { ...IVANOV_BOOKED, date: "01.12.2026", time: "09:30" },
    });

    expect(await chat.send("/appointments")).toEqual([
      { text: "У вас 2 предстоящие записи:" },
      {
        text: ruAppointmentItem({ ...IVANOV_ITEM, number: "B00002", date: "01.12.2026", time: "09:30", patient: "Иванова Алия Ивановна" }),
        buttons: [["Отменить эту запись"]],
      },
      { text: ruAppointmentItem(IVANOV_ITEM), buttons: [["Отменить эту запись"]] },
    ]);
  });

  test("cancelling a booking asks first; 'Нет, оставить' keeps it; 'Да, отменить' cancels it and tells the staff group", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking();

    expect(await chat.send("/appointments")).toEqual([
      { text: "У вас 1 предстоящая запись:" },
      { text: ruAppointmentItem(IVANOV_ITEM), buttons: [["Отменить эту запись"]] },
    ]);
    const confirmation = { text: `Отменить запись?\n${ruAppointmentItem(IVANOV_ITEM)}`, buttons: [["Да, отменить"], ["Нет, оставить"]] };
    expect(await chat.press("Отменить эту запись")).toEqual([confirmation]);
    expect(await chat.press("Нет, оставить")).toEqual([{ text: RU.appointmentKept }]);
    expect(statuses()).toEqual([{ number: "B00001", status: "active" }]);

    expect(await chat.press("Отменить эту запись")).toEqual([confirmation]);
    expect(await chat.press("Да, отменить")).toEqual([{ text: "Запись № B00001 отменена. Мы предупредили сотрудников." }]);
    expect(statuses()).toEqual([{ number: "B00001", status: "cancelled" }]);
    expect(await testBot.staffMessages()).toEqual([staffBooked(IVANOV_STAFF), staffCancelled(IVANOV_STAFF)]);

    expect(await chat.press("Да, отменить")).toEqual([{ text: RU.appointmentAlreadyCancelled }]);
    expect(await chat.send("/appointments")).toEqual([{ text: RU.appointmentsNone }]);
    expect(await testBot.staffMessages()).toHaveLength(2);
  });

  test("a booking whose time has passed can no longer be cancelled", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking();
    await chat.send("/appointments");
    await chat.press("Отменить эту запись");

    testBot.clock.set("2026-12-02T09:10:00.000Z"); // Wednesday 14:10 in Almaty
    expect(await chat.press("Да, отменить")).toEqual([{ text: "Время этой записи уже прошло, отменить её нельзя." }]);
    expect(statuses()).toEqual([{ number: "B00001", status: "active" }]);
    expect(await chat.send("/appointments")).toEqual([{ text: RU.appointmentsNone }]);
  });

  test("a cancelled time becomes free again for someone else", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking();
    await chat.send("/appointments");
    await chat.press("Отменить эту запись");
    await chat.press("Да, отменить");

    const maria = await chatAt(testBot, "time", 102, { ...IVANOV, iin: "881202400564", name: "Иванова Мария Петровна" });
    expect(maria.findButton("14:00").data).toMatch(/^slot:/);
    await finishBooking(maria, "time", {
      answers: { ...IVANOV, iin: "881202400564", name: "Иванова Мария Петровна" },
      summary: { ...IVANOV_SUMMARY, name: "Иванова Мария Петровна", iin: "8812******64" },
      number: "B00002",
    });
  });

  test("a forged 'cancel' for someone else's booking finds nothing and the booking stays active", async () => {
    testBot = await TestBot.start();
    await ivanWithBooking();
    const ivanBookingId = rows<{ id: string }>(testBot, "select id from bookings where number = 'B00001'")[0]!.id;

    // Maria has an account and a booking of her own.
    const maria = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: "881202400564", name: "Иванова Мария Петровна", time: "14:30" });
    await maria.press("✅ Подтвердить");
    maria.replies();

    expect(await maria.pressData(`booking-cancel:${ivanBookingId}`)).toEqual([{ text: RU.appointmentNotFound }]);
    expect(await maria.pressData(`booking-cancel-yes:${ivanBookingId}`)).toEqual([{ text: RU.appointmentNotFound }]);

    // A stranger who never consented fares no better.
    const stranger = testBot.chat({ id: 103 });
    expect(await stranger.pressData(`booking-cancel-yes:${ivanBookingId}`)).toEqual([{ text: RU.appointmentNotFound }]);

    expect(statuses()).toEqual([
      { number: "B00001", status: "active" },
      { number: "B00002", status: "active" },
    ]);
    expect((await testBot.staffMessages()).filter((message) => message.startsWith("❌"))).toEqual([]);
    expect(count(testBot, "accounts")).toBe(2);
  });
});
