import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { count } from "../support/database";
import { dumpTables, failOnWrite, InjectedFailure } from "../support/failing-writes";
import { at, bookOk, bookingRequest, consentingAccount, courseRequest, openStore, person, rivalBooksAfterTheChecks, slotIdAt, type StoreFixture } from "../support/store";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => {
  fixture.dispose();
});

const INSTRUCTOR = "zhaksylykov-dauren";
const SPEECH = "ivanova-elena";

/** The exercise therapy course (10 sessions, Mondays and Wednesdays) from Wednesday 2 December 09:00. */
function planFromWednesday(accountId: string) {
  const plan = fixture.services.courses.plan({ accountId, iin: person().iin, serviceId: "exercise-therapy-course", firstSlotId: slotIdAt(fixture.store, at("2026-12-02", "09:00"), INSTRUCTOR) });
  if (!plan) throw new Error("no plan");
  return plan;
}

function slotIdsOf(plan: ReturnType<typeof planFromWednesday>): string[] {
  return plan.map((session) => {
    if (!session.slot) throw new Error(`session ${session.number} has no time`);
    return session.slot.id;
  });
}

describe("planning a course", () => {
  it("puts every session at the first one's time in the rhythm, and gives a closed or taken date the nearest free time", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    // Someone else holds the instructor's Monday 7 December at 09:00 for a single session.
    bookOk(fixture.services, bookingRequest(consentingAccount(fixture.services, 1002), slotIdAt(fixture.store, at("2026-12-07", "09:00"), INSTRUCTOR), { serviceId: "exercise-therapy", person: person({ iin: "881202400564", fullName: "Иванова Мария Петровна" }) }));

    const plan = planFromWednesday(accountId);

    expect(plan.map((session) => [session.number, session.wanted, session.slot?.startsAt])).toEqual([
      [1, at("2026-12-02", "09:00"), at("2026-12-02", "09:00")],
      // Taken: the same day's nearest free hour.
      [2, at("2026-12-07", "09:00"), at("2026-12-07", "10:00")],
      [3, at("2026-12-09", "09:00"), at("2026-12-09", "09:00")],
      [4, at("2026-12-14", "09:00"), at("2026-12-14", "09:00")],
      // Wednesday 16 December is Independence Day: the nearest working day between the neighbours.
      [5, at("2026-12-16", "09:00"), at("2026-12-15", "09:00")],
      [6, at("2026-12-21", "09:00"), at("2026-12-21", "09:00")],
      [7, at("2026-12-23", "09:00"), at("2026-12-23", "09:00")],
      [8, at("2026-12-28", "09:00"), at("2026-12-28", "09:00")],
      [9, at("2026-12-30", "09:00"), at("2026-12-30", "09:00")],
      // Monday 4 January 2027 is a holiday moved from the New Year.
      [10, at("2027-01-04", "09:00"), at("2027-01-05", "09:00")],
    ]);
  });
});

describe("booking a course", () => {
  it("books all ten sessions in one confirmation, with reminders each and one staff notice each", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const slotIds = slotIdsOf(planFromWednesday(accountId));

    const outcome = fixture.services.courses.book(courseRequest(accountId, slotIds));

    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.sessions.map((session) => session.course?.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(outcome.sessions.map((session) => session.course?.id)).size).toBe(1);
    expect(count(fixture.store, "bookings")).toBe(10);
    expect(fixture.store.staffOutbox.due().pending.map((pending) => pending.notice)).toHaveLength(10);
    expect(fixture.store.staffOutbox.due().pending[2]!.notice).toMatchObject({ kind: "booked", session: { number: 3, count: 10 } });
    // Every session has its reminders (the day before and two hours before).
    const planned = fixture.store.db.$client.prepare("SELECT COUNT(DISTINCT booking_id) AS n FROM reminders").get() as { n: number };
    expect(planned.n).toBe(10);
  });

  it("a session taken between the plan and the confirmation books nothing; the plan made again gives it another time", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const slotIds = slotIdsOf(planFromWednesday(accountId));
    // Someone books session 4's time (Monday 14 December 09:00) while the family reads the plan.
    bookOk(fixture.services, bookingRequest(consentingAccount(fixture.services, 1002), slotIds[3]!, { serviceId: "exercise-therapy", person: person({ iin: "881202400564" }) }));

    expect(fixture.services.courses.book(courseRequest(accountId, slotIds))).toEqual({ ok: false, reason: "session_taken", session: 4 });
    expect(count(fixture.store, "bookings")).toBe(1);

    const again = planFromWednesday(accountId);
    expect(again[3]?.slot?.startsAt).toBe(at("2026-12-14", "10:00"));
    expect(fixture.services.courses.book(courseRequest(accountId, slotIdsOf(again)))).toMatchObject({ ok: true });
    expect(count(fixture.store, "bookings")).toBe(11);
  });

  it("is all or none: a crash at any write in the transaction leaves the database exactly as it was", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const request = courseRequest(accountId, slotIdsOf(planFromWednesday(accountId)));
    const before = dumpTables(fixture.store.db);
    let failing = 1;
    for (; ; failing += 1) {
      const failure = failOnWrite(fixture.store.db, failing);
      try {
        fixture.services.courses.book(request);
        break;
      } catch (error) {
        expect(error).toBeInstanceOf(InjectedFailure);
        expect(dumpTables(fixture.store.db)).toEqual(before);
      } finally {
        failure.restore();
      }
    }
    // Dozens of writes (ten bookings, their reminders, counts and notices), each a point it could crash at.
    expect(failing).toBeGreaterThan(30);
    expect(count(fixture.store, "bookings")).toBe(10);
  });

  it("the same draft confirmed twice (a restart lost the reply) is one course", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const request = courseRequest(accountId, slotIdsOf(planFromWednesday(accountId)));
    const first = fixture.services.courses.book(request);
    const second = fixture.services.courses.book(request);
    expect(second).toMatchObject({ ok: true, repeated: true });
    if (!first.ok || !second.ok) throw new Error("not booked");
    expect(second.sessions.map((session) => session.id)).toEqual(first.sessions.map((session) => session.id));
    expect(count(fixture.store, "bookings")).toBe(10);
  });

  it("counts as one booking towards the limits, but no session may overlap another appointment of the person", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    expect(fixture.services.courses.book(courseRequest(accountId, slotIdsOf(planFromWednesday(accountId))))).toMatchObject({ ok: true });
    // Three upcoming bookings a person may hold (the default): the course is one, so two more fit.
    bookOk(fixture.services, bookingRequest(accountId, slotIdAt(fixture.store, at("2026-12-03", "09:00"))));
    bookOk(fixture.services, bookingRequest(accountId, slotIdAt(fixture.store, at("2026-12-04", "09:00"))));
    expect(fixture.services.bookings.book(bookingRequest(accountId, slotIdAt(fixture.store, at("2026-12-07", "11:00"))))).toMatchObject({ ok: false, reason: "limit", limit: "person" });

    // The dialogue asks the same rule before its summary: a second course for the person is over the limit.
    const sessions = [{ startsAt: at("2026-12-08", "10:00"), endsAt: at("2026-12-08", "10:45") }];
    expect(fixture.services.courses.fairUse({ accountId, iin: person().iin, serviceId: "speech-group", sessions })).toMatchObject({ ok: false, reason: "limit", limit: "person" });
    expect(fixture.services.courses.fairUse({ accountId, iin: "881202400564", serviceId: "speech-group", sessions })).toBeUndefined();

    // Another person of the account: an ultrasound at 09:20 on Wednesday 9 December is free for her.
    const other = consentingAccount(fixture.services, 1003);
    bookOk(fixture.services, bookingRequest(other, slotIdAt(fixture.store, at("2026-12-09", "09:20"))));
    const plan = fixture.services.courses.plan({ accountId: other, iin: person().iin, serviceId: "exercise-therapy-course", firstSlotId: slotIdAt(fixture.store, at("2026-12-02", "09:00"), INSTRUCTOR) });
    // The first session is taken by the first account's course.
    expect(plan).toEqual([]);
  });

  it("a course service is never booked as one lone session", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    expect(fixture.services.bookings.book(bookingRequest(accountId, slotIdAt(fixture.store, at("2026-12-02", "09:00"), INSTRUCTOR), { serviceId: "exercise-therapy-course" }))).toEqual({ ok: false, reason: "slot_unavailable" });
    expect(count(fixture.store, "bookings")).toBe(0);
  });

  it("moving one session leaves the other nine where they were", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const outcome = fixture.services.courses.book(courseRequest(accountId, slotIdsOf(planFromWednesday(accountId))));
    if (!outcome.ok) throw new Error(outcome.reason);
    const third = outcome.sessions[2]!;

    const moved = fixture.services.bookings.move({ accountId, bookingId: third.id, slotId: slotIdAt(fixture.store, at("2026-12-10", "09:00"), INSTRUCTOR), channel: "telegram" });

    expect(moved).toMatchObject({ ok: true, booking: { id: third.id, startsAt: at("2026-12-10", "09:00"), course: { number: 3, count: 10 } } });
    const now = fixture.store.bookings.allFor(accountId).map((booking) => [booking.course?.number, booking.startsAt, booking.status]);
    expect(now).toEqual(outcome.sessions.map((session) => [session.course?.number, session.number === third.number ? at("2026-12-10", "09:00") : session.startsAt, "booked"]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
  });

  it("/delete erases every session of the course and /withdraw cancels the sessions ahead; the monthly counts stay", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    expect(fixture.services.courses.book(courseRequest(accountId, slotIdsOf(planFromWednesday(accountId))))).toMatchObject({ ok: true });
    const other = consentingAccount(fixture.services, 1002);
    const plan = fixture.services.courses.plan({ accountId: other, iin: "881202400564", serviceId: "exercise-therapy-course", firstSlotId: slotIdAt(fixture.store, at("2026-12-02", "10:00"), INSTRUCTOR) })!;
    expect(fixture.services.courses.book(courseRequest(other, slotIdsOf(plan), { person: person({ iin: "881202400564" }) }))).toMatchObject({ ok: true });
    const counts = fixture.store.monthlyCounts.between();

    expect(fixture.services.erasure.eraseAccount("telegram", 1001, { kind: "patient", id: accountId })).toMatchObject({ erased: true, cancelled: 10 });
    expect(count(fixture.store, "bookings")).toBe(10);
    fixture.services.withdrawal.withdraw(other, { kind: "patient", id: other });
    expect(fixture.store.bookings.allFor(other).filter((booking) => booking.status !== "cancelled")).toEqual([]);
    expect(fixture.services.courses.coursesOf(other)).toEqual([]);
    expect(fixture.store.monthlyCounts.between().map((row) => row.booked)).toEqual(counts.map((row) => row.booked));
  });

  it("cancelling the rest of a course cancels every session ahead with one staff notice", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const outcome = fixture.services.courses.book(courseRequest(accountId, slotIdsOf(planFromWednesday(accountId))));
    if (!outcome.ok) throw new Error(outcome.reason);
    const courseId = outcome.sessions[0]!.course!.id;
    // Two sessions have passed, and the third (09:00) is too close to cancel in the chat.
    fixture.clock.set(at("2026-12-09", "07:30"));
    const before = fixture.store.staffOutbox.due().pending.length;

    const cancelled = fixture.services.courses.cancelRest(accountId, courseId, "telegram");

    expect(cancelled).toMatchObject({ ok: true });
    if (!cancelled.ok) return;
    expect(cancelled.cancelled.map((session) => session.course?.number)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(cancelled.tooClose.map((session) => session.course?.number)).toEqual([3]);
    const notices = fixture.store.staffOutbox.due().pending.slice(before).map((pending) => pending.notice);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "cancelled", courseCancelled: { sessions: expect.arrayContaining([expect.objectContaining({ number: outcome.sessions[3]!.number })]) } });
    // The course goes on only with its third session, today.
    expect(fixture.services.courses.coursesOf(accountId).map((course) => course.next?.course?.number)).toEqual([3]);
    fixture.clock.set(at("2026-12-09", "10:00"));
    expect(fixture.services.courses.coursesOf(accountId)).toEqual([]);
    expect(fixture.services.courses.cancelRest(accountId, courseId, "telegram")).toEqual({ ok: false, reason: "nothing_ahead" });
    expect(fixture.services.courses.cancelRest(consentingAccount(fixture.services, 1009), courseId, "telegram")).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("group sessions", () => {
  it("a slot of capacity 6 raced by 20 confirmations gives exactly 6 places", async () => {
    const firstSlot = slotIdAt(fixture.store, at("2026-12-08", "10:00"), SPEECH);
    const confirmations = Array.from({ length: 20 }, (_, index) => {
      const accountId = consentingAccount(fixture.services, 2000 + index);
      const plan = fixture.services.courses.plan({ accountId, iin: person().iin, serviceId: "speech-group", firstSlotId: firstSlot });
      if (!plan || plan.length !== 8) throw new Error("no plan of eight sessions");
      return () => fixture.services.courses.book(courseRequest(accountId, slotIdsOf(plan), { serviceId: "speech-group", person: person({ iin: "150505600341", fullName: "Иванова Алия Ивановна" }), relation: "other", representativeConfirmed: true }));
    });
    // All twenty read the plan while the group was empty; then they confirm at once.
    const outcomes = await Promise.all(confirmations.map((confirm) => Promise.resolve().then(confirm)));

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(6);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual(Array.from({ length: 14 }, () => ({ ok: false, reason: "session_taken", session: 1 })));
    const seats = fixture.store.db.$client.prepare("SELECT seat FROM bookings WHERE slot_id = ? AND status <> 'cancelled' ORDER BY seat").all(firstSlot) as { seat: number }[];
    expect(seats.map((row) => row.seat)).toEqual([1, 2, 3, 4, 5, 6]);
    // The full group is no longer offered; a single speech therapy session may not take its slot either.
    expect(fixture.store.availability.freeSlotsOn(SPEECH, "2026-12-08", "speech-group").map((slot) => slot.startsAt)).not.toContain(at("2026-12-08", "10:00"));
    expect(fixture.store.availability.freeSlotsOn(SPEECH, "2026-12-08", "speech-therapist").map((slot) => slot.startsAt)).not.toContain(at("2026-12-08", "10:00"));
  });

  it("a rival who takes the last place after the checks is stopped by the unique index: the course books nothing", () => {
    const firstSlot = slotIdAt(fixture.store, at("2026-12-08", "10:00"), SPEECH);
    for (let index = 0; index < 5; index += 1) {
      const accountId = consentingAccount(fixture.services, 5000 + index);
      const plan = fixture.services.courses.plan({ accountId, iin: person().iin, serviceId: "speech-group", firstSlotId: firstSlot })!;
      expect(fixture.services.courses.book(courseRequest(accountId, slotIdsOf(plan), { serviceId: "speech-group" }))).toMatchObject({ ok: true });
    }
    const accountId = consentingAccount(fixture.services, 5100);
    const request = courseRequest(accountId, slotIdsOf(fixture.services.courses.plan({ accountId, iin: person().iin, serviceId: "speech-group", firstSlotId: firstSlot })!), { serviceId: "speech-group" });
    const before = count(fixture.store, "bookings");
    // Every slot has passed its checks by the time the person's other bookings are read for the overlap rule.
    const rival = rivalBooksAfterTheChecks(fixture, firstSlot, "speech-group", 6);

    expect(fixture.services.courses.book(request)).toEqual({ ok: false, reason: "session_taken", session: 1 });
    expect(rival.raced).toBe(true);
    vi.restoreAllMocks();
    // The rival's row was written inside the rolled-back transaction too: nothing of either stays.
    expect(count(fixture.store, "bookings")).toBe(before);
  });

  it("shows the places a group slot has left, and a cancelled place is free again", () => {
    const firstSlot = slotIdAt(fixture.store, at("2026-12-08", "10:00"), SPEECH);
    const accountId = consentingAccount(fixture.services, 3001);
    const plan = fixture.services.courses.plan({ accountId, iin: person().iin, serviceId: "speech-group", firstSlotId: firstSlot })!;
    const outcome = fixture.services.courses.book(courseRequest(accountId, slotIdsOf(plan), { serviceId: "speech-group" }));
    if (!outcome.ok) throw new Error(outcome.reason);
    const places = () => fixture.store.availability.freeSlotsOn(SPEECH, "2026-12-08", "speech-group").find((slot) => slot.id === firstSlot)?.placesLeft;
    expect(places()).toBe(5);
    expect(fixture.services.bookings.cancel(accountId, outcome.sessions[0]!.id, "telegram")).toMatchObject({ ok: true });
    expect(places()).toBe(6);
  });

  it("a full group offers the waiting list: a place freed is offered to the family waiting, and taking it books the whole course", () => {
    const firstSlot = slotIdAt(fixture.store, at("2026-12-08", "10:00"), SPEECH);
    const families = Array.from({ length: 6 }, (_, index) => {
      const accountId = consentingAccount(fixture.services, 4000 + index);
      const plan = fixture.services.courses.plan({ accountId, iin: person().iin, serviceId: "speech-group", firstSlotId: firstSlot })!;
      const outcome = fixture.services.courses.book(courseRequest(accountId, slotIdsOf(plan), { serviceId: "speech-group" }));
      if (!outcome.ok) throw new Error(outcome.reason);
      return { accountId, courseId: outcome.sessions[0]!.course!.id };
    });
    const waiting = consentingAccount(fixture.services, 4100);
    const child = person({ iin: "150505600341", fullName: "Иванова Алия Ивановна" });
    expect(fixture.services.waitlist.join({ accountId: waiting, channel: "telegram", relation: "other", representativeConfirmed: true, person: child, serviceId: "speech-group", doctorId: SPEECH, days: 14, policyVersion: "1.0" })).toMatchObject({ ok: true });

    expect(fixture.services.courses.cancelRest(families[2]!.accountId, families[2]!.courseId, "telegram")).toMatchObject({ ok: true });
    fixture.services.waitlist.run();

    // The offer is for the course's first session (a start day), held for the family waiting.
    const offer = fixture.store.patientOutbox.due().find((pending) => pending.accountId === waiting)?.notice;
    expect(offer).toMatchObject({ kind: "waitlist_offer", serviceId: "speech-group", startsAt: at("2026-12-08", "10:00") });
    if (offer?.kind !== "waitlist_offer") throw new Error("no offer");
    const taken = fixture.services.waitlist.take(waiting, offer.offerId, "1.0");
    expect(taken).toMatchObject({ ok: true, repeated: false });
    if (!taken.ok) return;
    expect(taken.sessions?.map((session) => session.course?.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const seats = fixture.store.db.$client.prepare("SELECT COUNT(*) AS n FROM bookings WHERE slot_id = ? AND status <> 'cancelled'").get(firstSlot) as { n: number };
    expect(seats.n).toBe(6);
  });
});
