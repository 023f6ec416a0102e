import { afterEach, describe, expect, test } from "vitest";
import { sendDueReminders } from "../../src/jobs";
import { ivanWithBooking, IVANOV_STAFF, speakKazakh } from "../support/booking";
import { count, rows } from "../support/database";
import { at, bookingRequest, bookOk, consentingAccount, slotIdAt } from "../support/store";
import { changedCatalog } from "../store/catalog-fixtures";
import { CLINIC, DOCTORS, IVAN, SERVICES, doctorButton } from "../support/fixtures";
import { TestBot, type TestChat } from "../support/harness";
import { t } from "../support/i18n";
import { appointmentList, staffCard } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

// Ivan's booking B00001: paediatrician Ахметова, Wednesday 2 December 14:00 Almaty; now is Tuesday 08:00.
const BOOKING_ID_QUERY = "select b.number, b.status, s.starts_at as startsAt, b.moved_at is not null as moved from bookings b join slots s on s.id = b.slot_id";

function bookings(): { number: string; status: string; startsAt: string; moved: number }[] {
  return rows(testBot, BOOKING_ID_QUERY);
}

function moveIntro(locale: "ru" | "kk", when: string): string {
  return t(locale, "move-intro", {
    details: t(locale, "move-booking", { number: "B00001", when, service: SERVICES.pediatrician[locale], doctor: DOCTORS.akhmetova.name[locale], patient: IVAN.name }),
  });
}

/** From the move's first question (the specialist) to its summary: Ахметова, Thursday 3 December, 09:30. */
async function chooseThursdayMorning(chat: TestChat, locale: "ru" | "kk"): Promise<void> {
  await chat.press(doctorButton(DOCTORS.akhmetova, locale));
  await chat.press(locale === "ru" ? "чт, 3 декабря" : "бейсенбі, 3 желтоқсан");
  await chat.press("09:30");
}

describe("moving a booking", () => {
  test("from /appointments: a new day and time with the same specialist, one confirmation, the same number; staff are told once", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await chat.send("/appointments");
    const started = await chat.press(t("ru", "button-move-booking"));
    expect(started.map((reply) => reply.text)).toEqual([moveIntro("ru", "ср, 2 декабря, 14:00"), t("ru", "ask-doctor")]);
    expect(started[1]!.buttons!.slice(1, 3)).toEqual([[doctorButton(DOCTORS.akhmetova, "ru")], [doctorButton(DOCTORS.sadykova, "ru")]]);
    // The first question has nothing to go back to: only the way out.
    expect(started[1]!.buttons!.at(-1)).toEqual([t("ru", "move-button-keep")]);

    await chooseThursdayMorning(chat, "ru");
    const summary = chat.messages().at(-1)!;
    expect(summary.text).toBe(
      t("ru", "move-summary", {
        details: t("ru", "move-booking", { number: "B00001", when: "ср, 2 декабря, 14:00", service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru, patient: IVAN.name }),
        when: "чт, 3 декабря, 09:30",
        doctor: DOCTORS.akhmetova.name.ru,
      }),
    );
    expect(await chat.press(t("ru", "button-move-confirm"))).toEqual([{ text: t("ru", "move-done", { number: "B00001", when: "чт, 3 декабря, 09:30" }) }]);

    expect(bookings()).toEqual([{ number: "B00001", status: "booked", startsAt: "2026-12-03T04:30:00.000Z", moved: 1 }]);
    const staff = await testBot.staffMessages();
    expect(staff).toEqual([
      staffCard(IVANOV_STAFF),
      t("ru", "staff-moved", {
        number: "B00001",
        channel: t("ru", "channel-telegram"),
        from: "02.12.2026 14:00",
        fromDoctor: DOCTORS.akhmetova.name.ru,
        date: "03.12.2026",
        time: "09:30",
        doctor: DOCTORS.akhmetova.name.ru,
        service: SERVICES.pediatrician.ru,
        patient: IVAN.name,
        phone: IVANOV_STAFF.phone,
        iin: IVAN.maskedIin,
      }),
    ]);
    // The card in the group now shows the new time.
    const card = testBot.sent.filter((message) => message.chatId === testBot.app.staffChatId && message.edited).at(-1);
    const moved = `${t("ru", "staff-state-booked")}, ${t("ru", "staff-state-moved", { from: "ср, 2 декабря, 14:00" })}`;
    expect(card?.text).toBe(staffCard({ ...IVANOV_STAFF, date: "03.12.2026", time: "09:30" }, "telegram", moved));

    const myData = (await chat.send("/mydata")).map((reply) => reply.text).join("\n");
    expect(myData).toContain(t("ru", "mydata-booking-moved", { date: "01.12.2026", from: "02.12.2026 14:00" }));
    expect(await chat.send("/appointments")).toEqual(
      appointmentList("ru", [{ number: "B00001", date: "чт, 3 декабря", time: "09:30", service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru, patient: IVAN.name }]),
    );
  });

  test("the old time is free for others at once, and the new one is not", async () => {
    testBot = await TestBot.start();
    await ivanWithBooking(testBot);
    const free = (startsAt: string) => testBot.app.store.availability.freeSlotsOn("akhmetova-aigul", startsAt.slice(0, 10)).some((slot) => slot.startsAt === startsAt);
    expect(free("2026-12-02T09:00:00.000Z")).toBe(false);
    const chat = testBot.chat({ id: 101 });
    await chat.send("/appointments");
    await chat.press(t("ru", "button-move-booking"));
    await chooseThursdayMorning(chat, "ru");
    await chat.press(t("ru", "button-move-confirm"));
    expect(free("2026-12-02T09:00:00.000Z")).toBe(true);
    expect(free("2026-12-03T04:30:00.000Z")).toBe(false);
  });

  test("'Оставить как было' leaves the booking where it was, and says so", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await chat.send("/appointments");
    await chat.press(t("ru", "button-move-booking"));
    await chat.press(doctorButton(DOCTORS.akhmetova, "ru"));
    expect(await chat.press(t("ru", "move-button-keep"))).toEqual([{ text: t("ru", "move-cancelled"), removesKeyboard: true }]);
    expect(bookings()).toEqual([{ number: "B00001", status: "booked", startsAt: "2026-12-02T09:00:00.000Z", moved: 0 }]);
    expect(await testBot.staffMessages()).toHaveLength(1);
  });

  test("if the new time is taken while the person confirms, nothing changes and the nearest free times are offered", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await chat.send("/appointments");
    await chat.press(t("ru", "button-move-booking"));
    await chooseThursdayMorning(chat, "ru");
    // Someone else books Thursday 09:30 first.
    const slot = testBot.app.store.availability.freeSlotsOn("akhmetova-aigul", "2026-12-03").find((free) => free.startsAt === "2026-12-03T04:30:00.000Z")!;
    testBot.app.store.db.$client
      .prepare("INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at) VALUES ('rival', 'RIVAL', ?, 'pediatrician', 'booked', x'00', x'00', x'00', '2026-12-01T03:00:00.000Z')")
      .run(slot.id);

    const replies = await chat.press(t("ru", "button-move-confirm"));
    expect(replies.map((reply) => reply.text)).toEqual([t("ru", "slot-taken"), t("ru", "ask-alternative")]);
    expect(replies[1]!.buttons!.flat()).toContain("чт, 3 декабря, 09:00");
    expect(bookings().find((booking) => booking.number === "B00001")).toEqual({ number: "B00001", status: "booked", startsAt: "2026-12-02T09:00:00.000Z", moved: 0 });

    await chat.press("чт, 3 декабря, 09:00");
    expect(await chat.press(t("ru", "button-move-confirm"))).toEqual([{ text: t("ru", "move-done", { number: "B00001", when: "чт, 3 декабря, 09:00" }) }]);
  });

  test("Confirm pressed again after the move went through (its reply lost to a restart) says it is done, and moves nothing", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await chat.send("/appointments");
    await chat.press(t("ru", "button-move-booking"));
    await chooseThursdayMorning(chat, "ru");
    // The first Confirm's transaction committed; the process died before the reply and before the
    // dialogue's state moved on, so the summary is still open.
    const accountId = testBot.app.store.accounts.findAccountId("telegram", 101)!;
    const [booking] = testBot.app.store.bookings.upcomingFor(accountId);
    const thursday = testBot.app.store.availability.freeSlotsOn("akhmetova-aigul", "2026-12-03").find((slot) => slot.startsAt === "2026-12-03T04:30:00.000Z")!;
    expect(testBot.app.services.bookings.move({ accountId, bookingId: booking!.id, slotId: thursday.id, channel: "telegram" })).toMatchObject({ ok: true });

    expect(await chat.press(t("ru", "button-move-confirm"))).toEqual([{ text: t("ru", "move-already", { number: "B00001", when: "чт, 3 декабря, 09:30" }) }]);
    expect(bookings()).toEqual([{ number: "B00001", status: "booked", startsAt: "2026-12-03T04:30:00.000Z", moved: 1 }]);
    expect((await testBot.staffMessages()).filter((text) => text.startsWith("🔁"))).toHaveLength(1);
  });

  test("in Kazakh, from the day-before reminder's 'Ауыстыру'; the reminders follow the new time", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);
    testBot.clock.set("2026-12-01T09:00:00.000Z"); // Tuesday 14:00, 24 hours before the visit
    expect(await sendDueReminders(testBot.app)).toBe(1);
    chat.replies();

    const started = await chat.press(t("kk", "button-reminder-move"));
    expect(started.map((reply) => reply.text)).toEqual([moveIntro("kk", "сәрсенбі, 2 желтоқсан, 14:00"), t("kk", "ask-doctor")]);
    await chooseThursdayMorning(chat, "kk");
    expect(await chat.press(t("kk", "button-move-confirm"))).toEqual([{ text: t("kk", "move-done", { number: "B00001", when: "бейсенбі, 3 желтоқсан, 09:30" }) }]);

    const reminders = rows<{ offset: number; state: string; dueAt: string }>(testBot, "select offset_hours as offset, state, due_at as dueAt from reminders order by due_at");
    // The day-before one went out for Wednesday; Thursday 09:30 gets its own two, planned anew.
    expect(reminders).toEqual([
      { offset: 24, state: "sent", dueAt: "2026-12-01T09:00:00.000Z" },
      { offset: 24, state: "pending", dueAt: "2026-12-02T04:30:00.000Z" },
      { offset: 2, state: "pending", dueAt: "2026-12-03T02:30:00.000Z" },
    ]);
  });

  test("closer to the visit than CHANGE_CUTOFF_HOURS, moving and cancelling give the clinic's phone instead", async () => {
    testBot = await TestBot.start({ changeCutoffHours: 3 });
    const chat = await ivanWithBooking(testBot);
    await chat.send("/appointments");
    testBot.clock.set("2026-12-02T06:30:00.000Z"); // Wednesday 11:30, two and a half hours before 14:00
    expect(await chat.press(t("ru", "button-move-booking"))).toEqual([{ text: t("ru", "move-too-late", { phone: CLINIC.phoneShown }), removesKeyboard: true }]);
    expect(await chat.press(t("ru", "button-cancel-booking"))).toEqual([{ text: t("ru", "cancel-too-late", { phone: CLINIC.phoneShown }) }]);
    expect(bookings()).toEqual([{ number: "B00001", status: "booked", startsAt: "2026-12-02T09:00:00.000Z", moved: 0 }]);
  });

  test("a move press on someone else's booking, or a forged one, finds nothing", async () => {
    testBot = await TestBot.start();
    await ivanWithBooking(testBot);
    const bookingId = rows<{ id: string }>(testBot, "select id from bookings")[0]!.id;
    const stranger = testBot.chat({ id: 303 });
    expect(await stranger.pressData(`booking-move:${bookingId}`)).toEqual([{ text: t("ru", "appointment-not-found"), removesKeyboard: true }]);
    expect(bookings()[0]!.moved).toBe(0);
  });

  test("after an absence with no free time left in the horizon, the new-time button says so and ends, instead of asking in circles", async () => {
    testBot = await TestBot.start();
    const { services, store } = testBot.app;
    const accountId = consentingAccount(services, 101);
    bookOk(services, bookingRequest(accountId, slotIdAt(store, at("2026-12-02", "14:00"), "nurlanov-erlan"), { serviceId: "neurologist" }));
    services.absences.record({ doctorId: "nurlanov-erlan", from: "2026-12-01", to: "2026-12-31", reason: "отпуск" }, { kind: "admin", id: "test" });
    await testBot.app.patientNotices.flush();
    const chat = testBot.chat({ id: 101 });
    chat.replies();

    const replies = await chat.press(t("ru", "button-rebook"));
    expect(replies.map((reply) => reply.text.split("\n")[0])).toEqual([t("ru", "move-intro-rebook", { details: "" }).split("\n")[0], t("ru", "no-free-days-to-move")]);
    expect(count(testBot, "conversation_states")).toBe(0);
  });

  test("after the specialist left the catalogue, the new time is offered with the one who still gives the service", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    testBot.app.store.catalogImport.importCatalog(
      changedCatalog((catalog) => {
        catalog.doctors = catalog.doctors.filter((doctor) => doctor.id !== "akhmetova-aigul");
      }),
    );
    testBot.app.services.absences.cancelForRemovedDoctors({ kind: "system" });
    await testBot.app.patientNotices.flush();
    chat.replies();

    const replies = await chat.press(t("ru", "button-rebook"));
    // Садыкова is the only paediatrician left: her days, not Ахметова's.
    expect(replies.at(-1)!.text).toBe(t("ru", "ask-day"));
    await chat.press(replies.at(-1)!.buttons![0]![0]!);
    expect(chat.messages().at(-1)!.text).toContain(DOCTORS.sadykova.name.ru);
  });
});
