import { afterEach, describe, expect, test } from "vitest";
import { staffCancelReasonData, staffVisitData } from "../../src/domain/callback-data";
import { MEMBERSHIP_TRUSTED_MS } from "../../src/services/staff-membership";
import { bookAliya, IVANOV_MYDATA, IVANOV_STAFF, ivanWithBooking, speakKazakh } from "../support/booking";
import { rows } from "../support/database";
import { ALIYA, DOCTORS, IVAN, PHONE, SERVICES, STAFF_CHAT_ID, doctorButton } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { myDataBooking, staffCard } from "../support/replies";
import { StaffGroup } from "../support/staff";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

const RECEPTION = 501;
const STRANGER = 666;
const OTHER_GROUP = -1009876543210;

/** The alert's buttons of a booking still to come. */
const OPEN_BUTTONS = [
  [t("ru", "button-staff-attended"), t("ru", "button-staff-no-show")],
  [t("ru", "button-staff-cancel"), t("ru", "button-staff-show-iin")],
];

/** Wednesday 2 December 2026, 13:50 in Almaty: the day of Ivan's visit at 14:00. */
const VISIT_DAY = "2026-12-02T08:50:00.000Z";

async function ivanBookedWithStaff(): Promise<{ bot: TestBot; staff: StaffGroup; ivan: Awaited<ReturnType<typeof ivanWithBooking>> }> {
  testBot = await TestBot.start();
  const staff = new StaffGroup(testBot);
  staff.members.add(RECEPTION);
  const ivan = await ivanWithBooking(testBot);
  ivan.replies();
  return { bot: testBot, staff, ivan };
}

function bookingIdOf(bot: TestBot, number: string): string {
  return rows<{ id: string }>(bot, "select id from bookings where number = ?", number)[0]!.id;
}

function statusOf(bot: TestBot, number: string): string {
  return rows<{ status: string }>(bot, "select status from bookings where number = ?", number)[0]!.status;
}

function staffAudit(bot: TestBot) {
  return bot.app.store.audit.entries().filter((entry) => entry.actor === "staff").map(({ at: _at, ...entry }) => entry);
}

describe("the alert of a new booking", () => {
  test("says when, what, who comes, the language to call back in and the state, with the buttons reception acts with", async () => {
    const { staff } = await ivanBookedWithStaff();
    expect(await staff.alertOf("B00001")).toMatchObject({ text: staffCard(IVANOV_STAFF), buttons: OPEN_BUTTONS });
  });

  test("for a child, says so with the age and that a parent or representative booked", async () => {
    const { bot, staff, ivan } = await ivanBookedWithStaff();
    await bookAliya(bot, ivan, "B00002");
    const aliya = { ...IVANOV_STAFF, number: "B00002", date: "03.12.2026", time: "09:00", patient: ALIYA.name, iin: ALIYA.maskedIin, minorAge: 11 };
    expect((await staff.alertOf("B00002")).text).toBe(staffCard(aliya));
  });
});

describe("the alert follows the booking", () => {
  test("when the patient cancels in their chat, the alert says so and its buttons are gone", async () => {
    const { staff, ivan } = await ivanBookedWithStaff();
    const { messageId } = await staff.alertOf("B00001");
    await ivan.send("/appointments");
    await ivan.press(t("ru", "button-cancel-booking"));
    await ivan.press(t("ru", "button-cancel-booking-yes"));

    expect((await staff.messages()).find((message) => message.messageId === messageId)).toEqual({
      messageId,
      text: staffCard(IVANOV_STAFF, "telegram", t("ru", "staff-state-cancelled-by-patient")),
      buttons: [],
    });
  });

  test("when the patient erases their data, the alert keeps only that the booking existed", async () => {
    const { bot, staff, ivan } = await ivanBookedWithStaff();
    const { messageId } = await staff.alertOf("B00001");
    await ivan.send("/delete");
    await ivan.press(t("ru", "button-delete-yes"));

    const alert = (await staff.messages()).find((message) => message.messageId === messageId);
    expect(alert).toEqual({ messageId, text: t("ru", "staff-card-erased", { number: "B00001" }), buttons: [] });
    // The group's messages as they read now hold nothing of Ivan.
    for (const message of await staff.messages()) expect(message.text).not.toContain(IVAN.name);
    expect(rows(bot, "select count(*) c from bookings")).toEqual([{ c: 0 }]);
  });
});

describe("Arrived and No-show", () => {
  test("a member's No-show on the day is recorded, shown in the alert and in the patient's /mydata, and audited by ids only", async () => {
    const { bot, staff, ivan } = await ivanBookedWithStaff();
    bot.clock.set(VISIT_DAY);

    expect(await staff.press(RECEPTION, "B00001", t("ru", "button-staff-no-show"))).toEqual({
      userId: RECEPTION,
      text: t("ru", "staff-recorded-no_show"),
      showAlert: false,
    });
    expect(statusOf(bot, "B00001")).toBe("no_show");
    // The other button stays, to undo a wrong press; a visit that did not happen cannot be cancelled.
    expect(await staff.alertOf("B00001")).toMatchObject({
      text: staffCard(IVANOV_STAFF, "telegram", t("ru", "staff-state-no_show")),
      buttons: [[t("ru", "button-staff-attended")], [t("ru", "button-staff-show-iin")]],
    });
    expect(staffAudit(bot)).toEqual([
      { actor: "staff", actorId: String(RECEPTION), action: "booking.no_show", recordType: "booking", recordId: bookingIdOf(bot, "B00001") },
    ]);

    const mydata = (await ivan.send("/mydata")).map((reply) => reply.text).join("\n");
    expect(mydata).toContain(
      myDataBooking("ru", { ...IVANOV_MYDATA, status: "no-show" }),
    );
  });

  test("before the booking's day a press is refused and nothing is recorded", async () => {
    const { bot, staff } = await ivanBookedWithStaff();
    expect((await staff.press(RECEPTION, "B00001", t("ru", "button-staff-attended")))?.text).toBe(t("ru", "staff-visit-refused-before_the_day"));
    expect(statusOf(bot, "B00001")).toBe("booked");
    expect(staffAudit(bot)).toEqual([]);
  });
});

describe("who may act", () => {
  test("someone who is not a member of the staff group is told so, and nothing changes", async () => {
    const { bot, staff } = await ivanBookedWithStaff();
    bot.clock.set(VISIT_DAY);
    const before = await staff.alertOf("B00001");

    expect(await staff.press(STRANGER, "B00001", t("ru", "button-staff-no-show"))).toEqual({ userId: STRANGER, text: t("ru", "staff-not-member"), showAlert: true });
    expect(await staff.press(STRANGER, "B00001", t("ru", "button-staff-show-iin"))).toEqual({ userId: STRANGER, text: t("ru", "staff-not-member"), showAlert: true });
    expect(await staff.send(STRANGER, "/today")).toEqual([]);

    expect(statusOf(bot, "B00001")).toBe("booked");
    expect(await staff.alertOf("B00001")).toEqual(before);
    expect(staffAudit(bot)).toEqual([]);
  });

  test("a press or a command from any other group acts on nothing, and the bot does not even ask who sent it", async () => {
    const { bot, staff } = await ivanBookedWithStaff();
    bot.clock.set(VISIT_DAY);
    const bookingId = bookingIdOf(bot, "B00001");
    const { messageId } = await staff.alertOf("B00001");
    const sentBefore = bot.sent.length;

    expect(await staff.pressData(RECEPTION, staffVisitData.pack({ bookingId, outcome: "no_show" }), messageId, OTHER_GROUP)).toBeUndefined();
    expect(await staff.pressData(RECEPTION, staffCancelReasonData.pack({ bookingId, reason: "duplicate" }), messageId, OTHER_GROUP)).toBeUndefined();
    expect(await staff.send(RECEPTION, "/today", OTHER_GROUP)).toEqual([]);

    expect(statusOf(bot, "B00001")).toBe("booked");
    expect(bot.sent.length).toBe(sentBefore);
    expect(staff.membershipQuestions).toBe(0);
    expect(staffAudit(bot)).toEqual([]);
  });

  test("a member who leaves the group loses access at their next press (chat_member update), or within a minute without one", async () => {
    const { bot, staff } = await ivanBookedWithStaff();
    expect((await staff.press(RECEPTION, "B00001", t("ru", "button-staff-show-iin")))?.showAlert).toBe(true);
    expect(staff.membershipQuestions).toBe(1);

    // Telegram tells the bot that the member left.
    staff.members.delete(RECEPTION);
    await bot.bot.handleUpdate({
      update_id: 1,
      chat_member: {
        chat: { id: STAFF_CHAT_ID, type: "supergroup", title: "staff" },
        from: { id: RECEPTION, is_bot: false, first_name: "Staff" },
        date: 0,
        old_chat_member: { status: "member", user: { id: RECEPTION, is_bot: false, first_name: "Staff" } },
        new_chat_member: { status: "left", user: { id: RECEPTION, is_bot: false, first_name: "Staff" } },
      },
    });
    expect((await staff.press(RECEPTION, "B00001", t("ru", "button-staff-show-iin")))?.text).toBe(t("ru", "staff-not-member"));

    // Back in the group: trusted for a minute; removed without an update, the next question after it finds out.
    staff.members.add(RECEPTION);
    expect((await staff.press(RECEPTION, "B00001", t("ru", "button-staff-show-iin")))?.text).toBe(t("ru", "staff-iin-popup", { number: "B00001", iin: IVAN.iin }));
    staff.members.delete(RECEPTION);
    bot.clock.advance(MEMBERSHIP_TRUSTED_MS + 1);
    expect((await staff.press(RECEPTION, "B00001", t("ru", "button-staff-show-iin")))?.text).toBe(t("ru", "staff-not-member"));
  });
});

describe("Show IIN", () => {
  test("the full IIN is only in the pop-up of the member who pressed, never in a group message, and the look is audited", async () => {
    const { bot, staff } = await ivanBookedWithStaff();
    expect(await staff.press(RECEPTION, "B00001", t("ru", "button-staff-show-iin"))).toEqual({
      userId: RECEPTION,
      text: t("ru", "staff-iin-popup", { number: "B00001", iin: IVAN.iin }),
      showAlert: true,
    });
    const everything = bot.sent.filter((message) => message.chatId === STAFF_CHAT_ID).map((message) => message.text);
    expect(everything.length).toBeGreaterThan(0);
    for (const text of everything) expect(text).not.toContain(IVAN.iin);
    expect(staffAudit(bot)).toEqual([
      { actor: "staff", actorId: String(RECEPTION), action: "data.viewed", recordType: "booking", recordId: bookingIdOf(bot, "B00001") },
    ]);
  });
});

describe("Cancel", () => {
  test("asks why, cancels, tells the patient in their language (Kazakh) in their chat, and the alert shows who cancelled and why", async () => {
    const { bot, staff, ivan } = await ivanBookedWithStaff();
    await speakKazakh(ivan);

    expect((await staff.press(RECEPTION, "B00001", t("ru", "button-staff-cancel")))?.text).toBeUndefined();
    expect(await staff.alertOf("B00001")).toMatchObject({
      // Ivan talks to the bot in Kazakh now: the alert says to call him back in Kazakh.
      text: `${staffCard({ ...IVANOV_STAFF, language: "kk" })}\n\n${t("ru", "staff-cancel-why")}`,
      buttons: [
        [t("ru", "cancel-reason-specialist_absent")],
        [t("ru", "cancel-reason-clinic_closed")],
        [t("ru", "cancel-reason-patient_asked")],
        [t("ru", "cancel-reason-duplicate")],
        [t("ru", "button-staff-back")],
      ],
    });
    expect(statusOf(bot, "B00001")).toBe("booked");

    expect((await staff.press(RECEPTION, "B00001", t("ru", "cancel-reason-specialist_absent")))?.text).toBe(t("ru", "staff-cancelled-patient-told"));
    expect(statusOf(bot, "B00001")).toBe("cancelled");
    // The clinic's own reason: one tap gives the booking a new time, under the same number.
    expect(ivan.replies()).toEqual([
      {
        text: t("kk", "patient-cancelled-by-clinic-rebook", {
          number: "B00001",
          when: "сәрсенбі, 2 желтоқсан, 14:00",
          service: SERVICES.pediatrician.kk,
          doctor: DOCTORS.akhmetova.name.kk,
          reason: t("kk", "cancel-reason-specialist_absent"),
        }),
        buttons: [[t("kk", "button-rebook")]],
      },
    ]);
    expect(await staff.alertOf("B00001")).toMatchObject({
      text: staffCard({ ...IVANOV_STAFF, language: "kk" }, "telegram", t("ru", "staff-state-cancelled-by-staff", { reason: t("ru", "cancel-reason-specialist_absent") })),
      buttons: [],
    });
    expect(staffAudit(bot)).toEqual([
      { actor: "staff", actorId: String(RECEPTION), action: "booking.cancelled", recordType: "booking", recordId: bookingIdOf(bot, "B00001") },
    ]);
    // The time is free again for someone else.
    expect(rows(bot, "select count(*) c from bookings b where b.status <> 'cancelled'")).toEqual([{ c: 0 }]);

    // Ivan chooses Садыкова on Thursday at 08:00 instead: the same booking is in force again, and the
    // group hears of it once, with its card back to "booked".
    const card = await staff.alertOf("B00001");
    const [intro] = await ivan.press(t("kk", "button-rebook"));
    expect(intro!.text.split("\n")[0]).toBe(t("kk", "move-intro-rebook", { details: "" }).split("\n")[0]);
    await ivan.press(doctorButton(DOCTORS.sadykova, "kk"));
    await ivan.press("бейсенбі, 3 желтоқсан");
    await ivan.press("08:00");
    expect(await ivan.press(t("kk", "button-move-confirm"))).toEqual([{ text: t("kk", "move-done-rebook", { number: "B00001", when: "бейсенбі, 3 желтоқсан, 08:00" }) }]);
    expect(statusOf(bot, "B00001")).toBe("booked");
    expect((await staff.messages()).map((message) => message.text).some((text) => text.startsWith("🔁") && text.includes("B00001"))).toBe(true);
    const cardNow = (await staff.messages()).find((message) => message.messageId === card.messageId)!;
    const state = `${t("ru", "staff-state-booked")}, ${t("ru", "staff-state-moved", { from: "ср, 2 декабря, 14:00" })}`;
    expect(cardNow.text).toBe(staffCard({ ...IVANOV_STAFF, language: "kk", doctor: DOCTORS.sadykova.name.ru, date: "03.12.2026", time: "08:00" }, "telegram", state));
  });

  test("when the patient's chat cannot be reached at once, staff are told so, and the notice goes out later, once", async () => {
    const { bot, staff, ivan } = await ivanBookedWithStaff();
    let refuse = true;
    bot.bot.api.config.use((previous, method, payload, signal) => {
      if (refuse && method === "sendMessage" && (payload as { chat_id: number }).chat_id === ivan.user.id) throw new Error("Telegram unreachable");
      return previous(method, payload, signal);
    });
    await staff.press(RECEPTION, "B00001", t("ru", "button-staff-cancel"));
    expect(await staff.press(RECEPTION, "B00001", t("ru", "cancel-reason-patient_asked"))).toMatchObject({
      text: t("ru", "staff-cancelled-patient-pending"),
      showAlert: true,
    });
    expect(ivan.replies()).toEqual([]);

    refuse = false;
    bot.clock.advance(60_000);
    expect(await bot.app.patientNotices.flush()).toBe(1);
    expect(await bot.app.patientNotices.flush()).toBe(0);
    expect(ivan.replies().map((reply) => reply.text)).toEqual([
      t("ru", "patient-cancelled-by-clinic", {
        number: "B00001",
        when: "ср, 2 декабря, 14:00",
        service: SERVICES.pediatrician.ru,
        doctor: DOCTORS.akhmetova.name.ru,
        reason: t("ru", "cancel-reason-patient_asked"),
      }),
    ]);
  });

  test("'Back' under the reasons gives the alert's buttons again and cancels nothing", async () => {
    const { bot, staff } = await ivanBookedWithStaff();
    await staff.press(RECEPTION, "B00001", t("ru", "button-staff-cancel"));
    await staff.press(RECEPTION, "B00001", t("ru", "button-staff-back"));
    expect(await staff.alertOf("B00001")).toMatchObject({ text: staffCard(IVANOV_STAFF), buttons: OPEN_BUTTONS });
    expect(statusOf(bot, "B00001")).toBe("booked");
  });
});

describe("the day's lists", () => {
  test("/today lists a specialist's bookings in time order with their state, and the free times left", async () => {
    const { bot, staff } = await ivanBookedWithStaff();
    bot.clock.set(VISIT_DAY);
    await staff.press(RECEPTION, "B00001", t("ru", "button-staff-attended"));

    expect(await staff.send(RECEPTION, "/today Ахметова")).toEqual([
      [
        t("ru", "staff-day-heading", { day: "ср, 2 декабря", date: "02.12.2026" }),
        "",
        DOCTORS.akhmetova.name.ru,
        t("ru", "staff-day-booking", {
        session: "",
          time: "14:00",
          state: t("ru", "staff-state-attended"),
          patient: IVAN.name,
          minor: "",
          phone: PHONE.shown,
          iin: IVAN.maskedIin,
          number: "B00001",
        }),
        // 13:50 now: a time is offered from an hour ahead, so 14:30 is no longer among the free ones.
        t("ru", "staff-day-free", { times: "15:00, 15:30, 16:00, 16:30, 17:00, 17:30" }),
      ].join("\n"),
    ]);
  });

  test("/tomorrow marks a child with the age; /day takes a date; a wrong date is explained", async () => {
    const { bot, staff, ivan } = await ivanBookedWithStaff();
    await bookAliya(bot, ivan, "B00002");
    bot.clock.set(VISIT_DAY);
    const aliyaLine = t("ru", "staff-day-booking", {
        session: "",
      time: "09:00",
      state: t("ru", "staff-state-booked"),
      patient: ALIYA.name,
      minor: ` ${t("ru", "staff-minor-marker", { age: 11 })}`,
      phone: PHONE.shown,
      iin: ALIYA.maskedIin,
      number: "B00002",
    });
    const [tomorrow] = await staff.send(RECEPTION, "/tomorrow ахметова");
    expect(tomorrow!.split("\n").slice(0, 4)).toEqual([t("ru", "staff-day-heading", { day: "чт, 3 декабря", date: "03.12.2026" }), "", DOCTORS.akhmetova.name.ru, aliyaLine]);
    expect(await staff.send(RECEPTION, "/day 2026-12-03 ахметова")).toEqual([tomorrow]);
    expect(await staff.send(RECEPTION, "/day 2026-02-30")).toEqual([t("ru", "staff-day-usage")]);
    expect(await staff.send(RECEPTION, "/day 2026-12-16 Ахметова")).toEqual([
      [t("ru", "staff-day-heading", { day: "ср, 16 декабря", date: "16.12.2026" }), t("ru", "staff-day-closed", { name: "День Независимости" }), t("ru", "staff-day-empty")].join("\n"),
    ]);
    expect(await staff.send(RECEPTION, "/today Нетакого")).toEqual([t("ru", "staff-day-no-specialist", { query: "Нетакого" })]);
    expect(staffAudit(bot).map((entry) => [entry.action, entry.recordId])).toEqual([
      ["bookings.listed", "2026-12-03"],
      ["bookings.listed", "2026-12-03"],
      ["bookings.listed", "2026-12-16"],
    ]);
  });
});
