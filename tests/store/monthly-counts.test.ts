/**
 * Issue 10, attendance: the fund's anonymous monthly counts per service (policy §3.1, service
 * improvement) follow every booking, cancellation and no-show where the store records it, and outlive
 * an erasure of the account that made them.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { MonthlyCount } from "../../src/store/monthly-counts";
import { rows } from "../support/database";
import { at, bookingRequest, bookOk, consentingAccount, openStore, slotIdAt, type StoreFixture } from "../support/store";

let fixture: StoreFixture | undefined;
afterEach(() => fixture?.dispose());

async function open(): Promise<StoreFixture> {
  fixture = await openStore();
  return fixture;
}

const STAFF = { telegramUserId: 555 };

function december(counts: Partial<MonthlyCount>): MonthlyCount {
  return { month: "2026-12", serviceId: "ultrasound", booked: 0, cancelled: 0, noShows: 0, offersTaken: 0, ...counts };
}

/** The store person booked for the ultrasound with Dr Sadykova on Wednesday 2 December at `time`. */
function bookWednesday({ services, store }: StoreFixture, chatId: number, time = "08:00") {
  const accountId = consentingAccount(services, chatId);
  const booking = bookOk(services, bookingRequest(accountId, slotIdAt(store, at("2026-12-02", time))));
  return { accountId, booking };
}

describe("the anonymous monthly counts", () => {
  test("a booking counts once, in its service and its month, and nothing else", async () => {
    const f = await open();
    expect(f.store.monthlyCounts.between()).toEqual([]);
    bookWednesday(f, 1);
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 1 })]);
    bookWednesday(f, 2, "08:20");
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 2 })]);
  });

  test("a patient's cancellation counts once; cancelling it again changes nothing", async () => {
    const f = await open();
    const { accountId, booking } = bookWednesday(f, 1);
    expect(f.services.bookings.cancel(accountId, booking.id, "telegram").ok).toBe(true);
    expect(f.services.bookings.cancel(accountId, booking.id, "telegram").ok).toBe(false);
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 1, cancelled: 1 })]);
  });

  test("a staff cancellation with a reason counts as a cancellation", async () => {
    const f = await open();
    const { booking } = bookWednesday(f, 1);
    expect(f.services.staffDesk.cancel(booking.id, "clinic_closed", STAFF).ok).toBe(true);
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 1, cancelled: 1 })]);
  });

  test("a no-show counts once, however often it is pressed, and a no-show corrected to 'arrived' is taken back", async () => {
    const f = await open();
    const { booking } = bookWednesday(f, 1);
    f.clock.set(at("2026-12-02", "09:00"));
    expect(f.services.staffDesk.recordVisit(booking.id, "no_show", STAFF).ok).toBe(true);
    expect(f.services.staffDesk.recordVisit(booking.id, "no_show", STAFF).ok).toBe(true);
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 1, noShows: 1 })]);

    expect(f.services.staffDesk.recordVisit(booking.id, "attended", STAFF).ok).toBe(true);
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 1, noShows: 0 })]);
    expect(f.services.staffDesk.recordVisit(booking.id, "no_show", STAFF).ok).toBe(true);
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 1, noShows: 1 })]);
  });

  test("a waiting-list offer taken counts in the month of the appointment it booked", async () => {
    const f = await open();
    f.store.monthlyCounts.offerTaken("ultrasound", at("2026-12-02", "08:00"));
    expect(f.store.monthlyCounts.between()).toEqual([december({ offersTaken: 1 })]);
  });

  test("a booking moved into another month counts in the new one; moved within its month it stays", async () => {
    const f = await open();
    const { booking } = bookWednesday(f, 1);
    f.store.monthlyCounts.moved("ultrasound", booking.startsAt, at("2026-12-30", "10:00"));
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 1 })]);
    f.store.monthlyCounts.moved("ultrasound", at("2026-12-30", "10:00"), at("2027-01-05", "10:00"));
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 0 }), december({ month: "2027-01", booked: 1 })]);
  });

  test("the move takes a booking's count to the month of its new time", async () => {
    const f = await open();
    const { booking } = bookWednesday(f, 1);
    f.store.bookings.moveTo(booking.id, slotIdAt(f.store, at("2026-12-03", "10:00")));
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 1 })]);
    f.store.bookings.moveTo(booking.id, slotIdAt(f.store, at("2027-01-05", "10:00")));
    expect(f.store.monthlyCounts.between()).toEqual([december({ booked: 0 }), december({ month: "2027-01", booked: 1 })]);
  });

  test("erasing the account leaves the counts as they were, and they name nobody", async () => {
    const f = await open();
    const { accountId, booking } = bookWednesday(f, 1);
    bookWednesday(f, 1, "08:20");
    f.services.bookings.cancel(accountId, booking.id, "telegram");
    const before = f.store.monthlyCounts.between();
    expect(before).toEqual([december({ booked: 2, cancelled: 1 })]);

    expect(f.services.erasure.eraseAccount("telegram", 1, { kind: "patient", id: accountId }).erased).toBe(true);
    expect(rows(f.store, "select id from bookings")).toEqual([]);
    expect(f.store.monthlyCounts.between()).toEqual(before);
    expect(rows(f.store, "select * from monthly_counts")).toEqual([
      { service_id: "ultrasound", month: "2026-12", booked: 2, cancelled: 1, no_shows: 0, offers_taken: 0 },
    ]);
  });

  test("a visit at 00:30 in Almaty on 1 January counts in January, though it is still 31 December in UTC", async () => {
    const f = await open();
    const newYear = at("2027-01-01", "00:30");
    expect(newYear).toBe("2026-12-31T19:30:00.000Z");
    f.store.db.$client
      .prepare("insert into slots (id, doctor_id, starts_at, ends_at) values ('new-year', 'sadykova-gulnar', ?, ?)")
      .run(newYear, at("2027-01-01", "00:50"));
    // 1 January is a public holiday the catalogue closes, so no dialogue offers it: the store itself, where the counting is, books it.
    const booking = f.store.bookings.insert({ accountId: consentingAccount(f.services, 1), patientId: "patient", slotId: "new-year", serviceId: "ultrasound" });
    f.store.bookings.markCancelled(booking.id, "patient");
    f.store.bookings.markCancelled(booking.id, "system");
    expect(f.store.monthlyCounts.between()).toEqual([december({ month: "2027-01", booked: 1, cancelled: 1 })]);
  });

  test("a report reads the months from and to the ones asked, both included", async () => {
    const f = await open();
    for (const month of ["2026-11", "2026-12", "2027-01", "2027-02"]) f.store.monthlyCounts.booked("ultrasound", at(`${month}-15`, "10:00"));
    expect(f.store.monthlyCounts.between("2026-12", "2027-01").map((count) => count.month)).toEqual(["2026-12", "2027-01"]);
    expect(f.store.monthlyCounts.between("2027-01").map((count) => count.month)).toEqual(["2027-01", "2027-02"]);
    expect(f.store.monthlyCounts.between(undefined, "2026-11").map((count) => count.month)).toEqual(["2026-11"]);
  });
});
