import { count } from "../support/database";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { at, bookOk, bookingRequest, consentingAccount, openStore, slotIdAt, type StoreFixture } from "../support/store";


let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => {
  vi.restoreAllMocks();
  fixture.dispose();
});

const request = bookingRequest;

describe("the partial unique index on active bookings", () => {
  const insertBooking = (id: string, slot: string, status: "booked" | "cancelled") =>
    fixture.store.db.$client
      .prepare(
        "INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at) VALUES (?, ?, ?, 'ultrasound', ?, x'00', x'00', x'00', '2026-12-01T03:00:00.000Z')",
      )
      .run(id, `N-${id}`, slot, status);

  it("rejects a second active booking on the same slot even when inserted directly with SQL", () => {
    const slot = slotIdAt(fixture.store, at("2026-12-02", "09:00"));
    bookOk(fixture.services, request(consentingAccount(fixture.services, 1001), slot));
    expect(() => insertBooking("direct", slot, "booked")).toThrow(/UNIQUE constraint failed: bookings\.slot_id/);
    expect(count(fixture.store, "bookings")).toBe(1);
  });

  it("allows any number of cancelled bookings beside the one active booking of a slot", () => {
    const slot = slotIdAt(fixture.store, at("2026-12-02", "09:00"));
    insertBooking("c1", slot, "cancelled");
    insertBooking("c2", slot, "cancelled");
    insertBooking("a1", slot, "booked");
    expect(() => insertBooking("a2", slot, "booked")).toThrow(/UNIQUE/);
  });

  it("lets the slot be booked again once its booking is cancelled", () => {
    const slot = slotIdAt(fixture.store, at("2026-12-02", "09:00"));
    const accountId = consentingAccount(fixture.services, 1001);
    const booking = bookOk(fixture.services, request(accountId, slot));
    expect(fixture.services.bookings.cancel(accountId, booking.id, "telegram").ok).toBe(true);
    expect(fixture.services.bookings.book(request(consentingAccount(fixture.services, 1002), slot)).ok).toBe(true);
  });
});
