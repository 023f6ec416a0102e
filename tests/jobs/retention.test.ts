/**
 * Issue 12, retention (policy §5.1): a finished booking is kept for the fund's RETENTION_FINISHED_DAYS
 * after the later of its appointment's end and its cancellation, then erased with its reminders and the
 * notices that name it; the anonymous monthly counts stay as they were. Unset, nothing is erased.
 */
import { afterEach, describe, expect, test } from "vitest";
import { isRebookable } from "../../src/domain/booking-status";
import { eraseFinishedBookings } from "../../src/jobs";
import { count, rows } from "../support/database";
import { TestBot } from "../support/harness";
import { at, bookingRequest, bookOk, consentingAccount, courseRequest, person, slotIdAt } from "../support/store";

const bots: TestBot[] = [];
afterEach(() => {
  for (const bot of bots.splice(0)) bot.destroy();
});

async function start(retentionFinishedDays?: number): Promise<TestBot> {
  const bot = await TestBot.start(retentionFinishedDays === undefined ? {} : { retentionFinishedDays });
  bots.push(bot);
  return bot;
}

const STAFF = { telegramUserId: 555 };

/** A chat of its own books the ultrasound with Dr Sadykova (20 minutes) at `time` on local day `date`. */
function book(bot: TestBot, chatId: number, date: string, time: string): { accountId: string; bookingId: string; number: string } {
  const { services, store } = bot.app;
  const accountId = consentingAccount(services, chatId);
  const booking = bookOk(services, bookingRequest(accountId, slotIdAt(store, at(date, time))));
  return { accountId, bookingId: booking.id, number: booking.number };
}

function bookingNumbers(bot: TestBot): string[] {
  return rows<{ number: string }>(bot, "select number from bookings order by number").map((row) => row.number);
}

function remindersOf(bot: TestBot, bookingId: string): number {
  return rows(bot, "select id from reminders where booking_id = ?", bookingId).length;
}

/** Wednesday 2 December, 08:00–08:20 in Almaty (03:00–03:20 UTC). */
const WEDNESDAY = { date: "2026-12-02", time: "08:00", endsAt: "2026-12-02T03:20:00.000Z" };

function daysAfter(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString();
}

describe("retention of finished bookings", () => {
  test("with RETENTION_FINISHED_DAYS unset nothing is erased on a timer, however old the booking", async () => {
    const bot = await start();
    const { bookingId } = book(bot, 1, WEDNESDAY.date, WEDNESDAY.time);
    bot.clock.set(daysAfter(WEDNESDAY.endsAt, 3650));

    expect(eraseFinishedBookings(bot.app)).toBe("no period set");
    expect(bookingNumbers(bot)).toEqual(["B00001"]);
    expect(remindersOf(bot, bookingId)).toBeGreaterThan(0);
  });

  test("a finished booking is erased with its reminders the configured number of days after its appointment, and not a day before", async () => {
    const bot = await start(7);
    const { bookingId, accountId } = book(bot, 1, WEDNESDAY.date, WEDNESDAY.time);
    expect(remindersOf(bot, bookingId)).toBeGreaterThan(0);

    bot.clock.set(daysAfter(WEDNESDAY.endsAt, 6));
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 0, peopleRemoved: 0 });
    bot.clock.set(new Date(Date.parse(daysAfter(WEDNESDAY.endsAt, 7)) - 1).toISOString());
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 0, peopleRemoved: 0 });
    expect(bookingNumbers(bot)).toEqual(["B00001"]);

    bot.clock.set(daysAfter(WEDNESDAY.endsAt, 7));
    expect(bot.app.services.retention.wouldErase(7)).toBe(1);
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 1, peopleRemoved: 0 });
    expect(bookingNumbers(bot)).toEqual([]);
    expect(count(bot, "reminders")).toBe(0);
    // The account is alive: the person it saved stays, to be booked again.
    expect(bot.app.store.patients.peopleOf(accountId)).toHaveLength(1);
    // The audit log says how many, and no longer names the erased booking.
    expect(bot.app.store.audit.entries().filter((entry) => entry.action === "data.erased")).toEqual([
      { at: daysAfter(WEDNESDAY.endsAt, 7), actor: "system", action: "data.erased", recordType: "finished_bookings", recordId: "1" },
    ]);
    expect(rows(bot, "select id from audit_log where record_id = ? or actor_id = ?", bookingId, bookingId)).toEqual([]);
  });

  test("a cancelled booking counts from the later of its time and its cancellation; undelivered notices naming it go with it", async () => {
    const bot = await start(1);
    // Cancelled by the family the day before: finished once its time has passed.
    const early = book(bot, 1, WEDNESDAY.date, WEDNESDAY.time);
    expect(bot.app.services.bookings.cancel(early.accountId, early.bookingId, "telegram").ok).toBe(true);
    // A duplicate staff removed: not the clinic's own reason, so not rebookable; the family's notice waits undelivered.
    const duplicate = book(bot, 2, WEDNESDAY.date, "08:20");
    expect(bot.app.services.staffDesk.cancel(duplicate.bookingId, "duplicate", STAFF).ok).toBe(true);
    expect(count(bot, "patient_outbox")).toBe(1);
    expect(count(bot, "staff_outbox")).toBeGreaterThan(0);
    // No way of cancelling in the bot reaches a booking whose time has passed; the rule holds should one come.
    const late = book(bot, 3, WEDNESDAY.date, "08:40");
    const cancelledLate = "2026-12-02T12:00:00.000Z";
    bot.app.store.db.$client.prepare("update bookings set status = 'cancelled', cancelled_by = 'system', cancelled_at = ? where id = ?").run(cancelledLate, late.bookingId);

    bot.clock.set(daysAfter("2026-12-02T04:00:00.000Z", 1)); // a day after the 08:40 visit's end
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 2, peopleRemoved: 0 });
    expect(bookingNumbers(bot)).toEqual(["B00003"]);
    expect(count(bot, "patient_outbox")).toBe(0);
    expect(count(bot, "staff_outbox")).toBe(1); // B00003's new-booking alert

    bot.clock.set(new Date(Date.parse(daysAfter(cancelledLate, 1)) - 1).toISOString());
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 0, peopleRemoved: 0 });
    bot.clock.set(daysAfter(cancelledLate, 1));
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 1, peopleRemoved: 0 });
    expect(bookingNumbers(bot)).toEqual([]);
    expect(count(bot, "staff_outbox")).toBe(0);
  });

  test("an upcoming booking, and one the clinic cancelled while its family may still choose a new time, are kept", async () => {
    const bot = await start(1);
    book(bot, 1, WEDNESDAY.date, WEDNESDAY.time); // B00001: finished
    book(bot, 2, "2026-12-18", "08:00"); // B00002: still ahead
    const closed = book(bot, 3, "2026-12-03", "08:00"); // B00003: the clinic closed that day
    expect(bot.app.services.staffDesk.cancel(closed.bookingId, "clinic_closed", STAFF).ok).toBe(true);

    bot.clock.set("2026-12-17T00:00:00.000Z");
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 1, peopleRemoved: 0 });
    expect(bookingNumbers(bot)).toEqual(["B00002", "B00003"]);

    // The last moment the family may still rebook B00003 (30 days after its time), and the first it may not.
    const rebookEnds = daysAfter(at("2026-12-03", "08:00"), 30);
    bot.clock.set(new Date(Date.parse(rebookEnds) - 1).toISOString());
    const cancelled = bot.app.store.bookings.findForStaff(closed.bookingId)!;
    expect(isRebookable(cancelled, bot.clock.now())).toBe(true);
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 1, peopleRemoved: 0 }); // B00002, finished on 18 December
    expect(bookingNumbers(bot)).toEqual(["B00003"]);

    bot.clock.set(rebookEnds);
    expect(isRebookable(cancelled, bot.clock.now())).toBe(false);
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 1, peopleRemoved: 0 });
    expect(bookingNumbers(bot)).toEqual([]);
  });

  test("the anonymous monthly counts are the same after the erasure as before it", async () => {
    const bot = await start(1);
    const { accountId, bookingId } = book(bot, 1, WEDNESDAY.date, WEDNESDAY.time);
    const cancelled = book(bot, 2, WEDNESDAY.date, "08:20");
    expect(bot.app.services.bookings.cancel(cancelled.accountId, cancelled.bookingId, "telegram").ok).toBe(true);
    bot.clock.set("2026-12-02T06:00:00.000Z");
    expect(bot.app.services.staffDesk.recordVisit(bookingId, "no_show", STAFF)).toMatchObject({ ok: true });
    const before = bot.app.store.monthlyCounts.between();
    expect(before).toEqual([{ month: "2026-12", serviceId: "ultrasound", booked: 2, cancelled: 1, noShows: 1, offersTaken: 0 }]);

    bot.clock.set("2026-12-10T00:00:00.000Z");
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 2, peopleRemoved: 0 });
    expect(bot.app.store.bookings.allFor(accountId)).toEqual([]);
    expect(bot.app.store.monthlyCounts.between()).toEqual(before);
  });

  test("running the job again, or after a restart, erases nothing more and records nothing more", async () => {
    const bot = await start(1);
    book(bot, 1, WEDNESDAY.date, WEDNESDAY.time);
    book(bot, 2, "2026-12-18", "08:00");
    bot.clock.set("2026-12-10T00:00:00.000Z");

    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 1, peopleRemoved: 0 });
    const audit = bot.app.store.audit.entries();
    const counts = bot.app.store.monthlyCounts.between();
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 0, peopleRemoved: 0 });
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 0, peopleRemoved: 0 });
    expect(bookingNumbers(bot)).toEqual(["B00002"]);
    expect(bot.app.store.audit.entries()).toEqual(audit);
    expect(bot.app.store.monthlyCounts.between()).toEqual(counts);
  });

  test("many finished bookings go in batches, each its own transaction with its own audit entry, all of them in one run", async () => {
    const bot = await start(1);
    const times = ["08:00", "08:20", "08:40", "09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "11:00", "11:20", "11:40"];
    times.forEach((time, index) => book(bot, index + 1, WEDNESDAY.date, time));
    bot.clock.set("2026-12-10T00:00:00.000Z");

    expect(bot.app.services.retention.eraseFinished(1, 5)).toEqual({ erased: 12, peopleRemoved: 0 });
    expect(count(bot, "bookings")).toBe(0);
    expect(bot.app.store.audit.entries().filter((entry) => entry.recordType === "finished_bookings").map((entry) => entry.recordId)).toEqual(["5", "5", "2"]);
  });

  test("after a withdrawal, the person kept only for a visit that took place goes when that visit is erased; the consent records stay", async () => {
    const bot = await start(1);
    const { accountId } = book(bot, 1, WEDNESDAY.date, WEDNESDAY.time);
    bot.clock.set("2026-12-02T06:00:00.000Z");
    bot.app.services.withdrawal.withdraw(accountId, { kind: "patient", id: accountId });
    expect(bookingNumbers(bot)).toEqual(["B00001"]);
    expect(count(bot, "patients")).toBe(1);

    bot.clock.set("2026-12-10T00:00:00.000Z");
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 1, peopleRemoved: 1 });
    expect(count(bot, "bookings")).toBe(0);
    expect(count(bot, "patient_links")).toBe(0);
    expect(count(bot, "patients")).toBe(0);
    expect(bot.app.store.accounts.consentHistory(accountId)).toHaveLength(1);
  });

  test("a course is kept whole until its last session has passed, then erased after the period; the counts stay", async () => {
    const bot = await start(7);
    const { services, store } = bot.app;
    const accountId = consentingAccount(services, 1);
    const plan = services.courses.plan({ accountId, iin: person().iin, serviceId: "exercise-therapy-course", firstSlotId: slotIdAt(store, at("2026-12-02", "09:00"), "zhaksylykov-dauren") })!;
    const outcome = services.courses.book(courseRequest(accountId, plan.map((session) => session.slot!.id)));
    if (!outcome.ok) throw new Error(outcome.reason);
    const counts = store.monthlyCounts.between();
    const last = outcome.sessions.at(-1)!;

    // A month after the first session, the course is under way: none of it goes, the first sessions neither.
    bot.clock.set(daysAfter(at("2026-12-02", "10:00"), 30));
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 0, peopleRemoved: 0 });
    // A day short of the period after the last session, still kept.
    bot.clock.set(daysAfter(last.startsAt, 6));
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 0, peopleRemoved: 0 });
    expect(count(bot, "bookings")).toBe(10);

    bot.clock.set(daysAfter(last.startsAt, 8));
    expect(eraseFinishedBookings(bot.app)).toEqual({ erased: 10, peopleRemoved: 0 });
    expect(count(bot, "bookings")).toBe(0);
    expect(store.monthlyCounts.between()).toEqual(counts);
  });
});
