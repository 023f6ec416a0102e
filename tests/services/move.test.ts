import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createServices } from "../../src/services";
import { count } from "../support/database";
import { at, bookOk, bookingRequest, consentingAccount, openStore, rivalBooksAfterTheChecks, slotIdAt, type StoreFixture } from "../support/store";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => {
  vi.restoreAllMocks();
  fixture.dispose();
});

/** Where the booking stands, as the database has it. */
function state(bookingId: string) {
  return fixture.store.db.$client
    .prepare("SELECT b.number, b.status, s.starts_at AS startsAt, b.moved_at AS movedAt, b.moved_from_slot_id AS movedFrom FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE b.id = ?")
    .get(bookingId);
}

function pendingReminders(bookingId: string): string[] {
  return (fixture.store.db.$client.prepare("SELECT due_at FROM reminders WHERE booking_id = ? AND state = 'pending' ORDER BY due_at").all(bookingId) as { due_at: string }[]).map((row) => row.due_at);
}

/** The store person's ultrasound, Wednesday 2 December 09:00 with Dr Sadykova. */
function bookedWednesday() {
  const accountId = consentingAccount(fixture.services, 1001);
  const from = slotIdAt(fixture.store, at("2026-12-02", "09:00"));
  const booking = bookOk(fixture.services, bookingRequest(accountId, from));
  return { accountId, booking, from };
}

describe("move()", () => {
  it("takes the new slot and frees the old one together; the number stays, reminders and staff follow", () => {
    const { accountId, booking, from } = bookedWednesday();
    fixture.services.bookings.confirm(accountId, booking.id);
    const to = slotIdAt(fixture.store, at("2026-12-03", "10:00"));

    const outcome = fixture.services.bookings.move({ accountId, bookingId: booking.id, slotId: to, channel: "telegram" });

    expect(outcome).toMatchObject({ ok: true, rebooked: false, from: at("2026-12-02", "09:00"), booking: { id: booking.id, number: "B00001", startsAt: at("2026-12-03", "10:00") } });
    // The confirmation was for Wednesday: at the new time the booking is merely booked again.
    expect(state(booking.id)).toEqual({ number: "B00001", status: "booked", startsAt: at("2026-12-03", "10:00"), movedAt: "2026-12-01T03:00:00.000Z", movedFrom: from });
    expect(pendingReminders(booking.id)).toEqual([at("2026-12-02", "10:00"), at("2026-12-03", "08:00")]);
    const notices = fixture.store.staffOutbox.due().pending.map((pending) => pending.notice);
    // "card_refresh": the confirmation edited the booking's card.
    expect(notices.map((notice) => notice.kind)).toEqual(["booked", "card_refresh", "moved"]);
    expect(notices[2]).toMatchObject({ number: "B00001", startsAt: at("2026-12-03", "10:00"), movedFrom: { startsAt: at("2026-12-02", "09:00"), doctorId: "sadykova-gulnar" } });
    // Someone else can book Wednesday 09:00 now.
    const other = consentingAccount(fixture.services, 1002);
    expect(fixture.services.bookings.book(bookingRequest(other, from, { person: { iin: "881202400564", fullName: "Иванова Мария Петровна", phone: "+77012345678", phoneConfirmed: true } }))).toMatchObject({ ok: true });
  });

  it("a rival who takes the new slot after the checks wins, and the move changes nothing at all", () => {
    const { accountId, booking } = bookedWednesday();
    const to = slotIdAt(fixture.store, at("2026-12-03", "10:00"));
    const before = { state: state(booking.id), reminders: pendingReminders(booking.id), notices: count(fixture.store, "staff_outbox") };
    // Every check has passed by the time the person's other bookings are read for the overlap rule.
    const rival = rivalBooksAfterTheChecks(fixture, to, "ultrasound");

    expect(fixture.services.bookings.move({ accountId, bookingId: booking.id, slotId: to, channel: "telegram" })).toEqual({ ok: false, reason: "slot_taken" });
    expect(rival.raced).toBe(true);
    vi.restoreAllMocks();
    expect({ state: state(booking.id), reminders: pendingReminders(booking.id), notices: count(fixture.store, "staff_outbox") }).toEqual(before);
  });

  it("a failure in the middle (the staff notice cannot be written) rolls the whole move back", () => {
    const { accountId, booking } = bookedWednesday();
    const before = { state: state(booking.id), reminders: pendingReminders(booking.id) };
    const encrypt = fixture.cipher.encrypt.bind(fixture.cipher);
    vi.spyOn(fixture.cipher, "encrypt").mockImplementation((ref, plaintext) => {
      if (ref.table === "staff_outbox") throw new Error("disk full");
      return encrypt(ref, plaintext);
    });
    expect(() => fixture.services.bookings.move({ accountId, bookingId: booking.id, slotId: slotIdAt(fixture.store, at("2026-12-03", "10:00")), channel: "telegram" })).toThrow("disk full");
    vi.restoreAllMocks();
    expect({ state: state(booking.id), reminders: pendingReminders(booking.id) }).toEqual(before);
  });

  it("two moves of one booking one after the other (two devices) leave one booking at the later choice, never two", () => {
    const { accountId, booking } = bookedWednesday();
    const first = fixture.services.bookings.move({ accountId, bookingId: booking.id, slotId: slotIdAt(fixture.store, at("2026-12-03", "10:00")), channel: "telegram" });
    const second = fixture.services.bookings.move({ accountId, bookingId: booking.id, slotId: slotIdAt(fixture.store, at("2026-12-04", "10:00")), channel: "telegram" });
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(count(fixture.store, "bookings")).toBe(1);
    expect(state(booking.id)).toMatchObject({ startsAt: at("2026-12-04", "10:00") });
  });

  it("refuses what the patient may not do: another's booking, the same time, an overlap, a blocked account, too close to the visit", () => {
    const { accountId, booking, from } = bookedWednesday();
    const move = (slotId: string, who = accountId) => fixture.services.bookings.move({ accountId: who, bookingId: booking.id, slotId, channel: "telegram" });
    const thursday = slotIdAt(fixture.store, at("2026-12-03", "10:00"));

    expect(move(thursday, consentingAccount(fixture.services, 1002))).toEqual({ ok: false, reason: "not_found" });
    expect(move(from)).toEqual({ ok: false, reason: "same_slot" });
    // The same person holds a paediatrician visit on Thursday at 10:00: an ultrasound then would overlap.
    bookOk(fixture.services, bookingRequest(accountId, slotIdAt(fixture.store, at("2026-12-03", "10:00"), "akhmetova-aigul"), { serviceId: "pediatrician" }));
    expect(move(thursday)).toMatchObject({ ok: false, reason: "overlap", existing: { startsAt: at("2026-12-03", "10:00") } });

    fixture.clock.set(at("2026-12-02", "07:30")); // an hour and a half before Wednesday 09:00
    expect(move(slotIdAt(fixture.store, at("2026-12-04", "10:00")))).toEqual({ ok: false, reason: "too_late" });
    expect(fixture.services.bookings.cancel(accountId, booking.id, "telegram")).toEqual({ ok: false, reason: "too_late" });
    // The fund may allow changes until the visit (CHANGE_CUTOFF_HOURS=0).
    const lenient = createServices(fixture.store, fixture.clock, "Asia/Almaty", undefined, undefined, 0);
    expect(lenient.bookings.move({ accountId, bookingId: booking.id, slotId: slotIdAt(fixture.store, at("2026-12-04", "10:00")), channel: "telegram" })).toMatchObject({ ok: true });

    fixture.services.blocking.setBlocked(accountId, true, "patient", { kind: "patient", id: accountId });
    expect(lenient.bookings.move({ accountId, bookingId: booking.id, slotId: slotIdAt(fixture.store, at("2026-12-04", "10:20")), channel: "telegram" })).toEqual({ ok: false, reason: "blocked" });
  });

  it("a booking the clinic cancelled for an absence can be given a new time by its family, once, keeping its number", () => {
    const { accountId, booking } = bookedWednesday();
    expect(fixture.services.absences.record({ doctorId: "sadykova-gulnar", from: "2026-12-02", to: "2026-12-02", reason: "больничный" }, { kind: "admin", id: "test" })).toMatchObject({ ok: true, cancelled: 1 });
    expect(fixture.services.bookings.movable(accountId, booking.id)).toMatchObject({ ok: true, rebooking: true });

    const to = slotIdAt(fixture.store, at("2026-12-03", "10:00"));
    expect(fixture.services.bookings.move({ accountId, bookingId: booking.id, slotId: to, channel: "telegram" })).toMatchObject({ ok: true, rebooked: true, booking: { number: "B00001" } });
    expect(state(booking.id)).toMatchObject({ number: "B00001", status: "booked", startsAt: at("2026-12-03", "10:00") });
    expect(fixture.store.bookings.findOwnedBy(accountId, booking.id)).toMatchObject({ cancelledAt: null, cancelledBy: null, cancelReason: null });
    expect(pendingReminders(booking.id)).toEqual([at("2026-12-02", "10:00"), at("2026-12-03", "08:00")]);
    expect(fixture.store.staffOutbox.due().pending.map((pending) => pending.notice.kind).slice(-2)).toEqual(["rebooked", "absence_progress"]);
    // In force again, it is an ordinary booking: a second "new time" is an ordinary move.
    expect(fixture.services.bookings.movable(accountId, booking.id)).toMatchObject({ ok: true, rebooking: false });
  });

  it("a booking the family cancelled, or staff cancelled at the family's request, is not brought back by a move", () => {
    const { accountId, booking } = bookedWednesday();
    fixture.services.bookings.cancel(accountId, booking.id, "telegram");
    const to = slotIdAt(fixture.store, at("2026-12-03", "10:00"));
    expect(fixture.services.bookings.movable(accountId, booking.id)).toEqual({ ok: false, reason: "not_found" });
    expect(fixture.services.bookings.move({ accountId, bookingId: booking.id, slotId: to, channel: "telegram" })).toEqual({ ok: false, reason: "already_cancelled" });

    const other = bookOk(fixture.services, bookingRequest(accountId, slotIdAt(fixture.store, at("2026-12-04", "09:00"))));
    fixture.services.staffDesk.cancel(other.id, "patient_asked", { telegramUserId: 501 });
    expect(fixture.services.bookings.movable(accountId, other.id)).toEqual({ ok: false, reason: "not_found" });
    expect(count(fixture.store, "bookings")).toBe(2);
  });

  it("a booking staff cancelled for the clinic's own reason may be given back its old time, when that time is free", () => {
    const { accountId, booking, from } = bookedWednesday();
    fixture.services.staffDesk.cancel(booking.id, "clinic_closed", { telegramUserId: 501 });
    expect(fixture.services.bookings.move({ accountId, bookingId: booking.id, slotId: from, channel: "telegram" })).toMatchObject({ ok: true, rebooked: true });
    expect(state(booking.id)).toMatchObject({ status: "booked", startsAt: at("2026-12-02", "09:00") });
    expect(pendingReminders(booking.id)).toEqual([at("2026-12-01", "09:00"), at("2026-12-02", "07:00")]);
  });
});
