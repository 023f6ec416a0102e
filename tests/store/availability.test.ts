import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localTimeOf } from "../../src/domain/slots";
import { BOOKING_WINDOW_DAYS } from "../../src/store/availability";
import { book, SADYKOVA, slotAt } from "./catalog-fixtures";
import { ALMATY, at, openStore, type StoreFixture } from "../support/store";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => fixture.dispose());

describe("free slots", () => {
  it("exclude a booked slot, and include it again once the booking is cancelled", () => {
    const slot = slotAt(fixture, SADYKOVA, at("2026-12-02", "09:00"));
    const freeIds = () => fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-02").map((free) => free.id);
    expect(freeIds()).toContain(slot.id);

    const { accountId, booking } = book(fixture, 1001, slot.id, "ultrasound", "900101300123");
    expect(freeIds()).not.toContain(slot.id);
    expect(fixture.store.availability.nearestFreeSlots(SADYKOVA, 50).map((free) => free.id)).not.toContain(slot.id);
    expect(freeIds()).toHaveLength(11);

    expect(fixture.services.bookings.cancel(accountId, booking.id, "telegram").ok).toBe(true);
    expect(freeIds()).toContain(slot.id);
  });

  it("of one day are that day's slots in order, in the clinic's time zone", () => {
    const times = fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-05").map((slot) => localTimeOf(slot.startsAt, ALMATY));
    expect(times).toEqual(["09:00", "09:20", "09:40", "10:00", "10:20", "10:40"]);
  });
});

describe("the free times nearest to one just lost", () => {
  it("are that day's first, closest in time, in time order; then the nearest of other days", () => {
    const lost = slotAt(fixture, SADYKOVA, at("2026-12-05", "10:00"));
    book(fixture, 1001, lost.id, "ultrasound", "900101300123");
    const near = (limit: number) => fixture.store.availability.freeSlotsNear(SADYKOVA, lost.starts_at, limit).map((slot) => `${slot.startsAt.slice(0, 10)} ${localTimeOf(slot.startsAt, ALMATY)}`);
    expect(near(4)).toEqual(["2026-12-05 09:20", "2026-12-05 09:40", "2026-12-05 10:20", "2026-12-05 10:40"]);
    expect(near(6)).toHaveLength(6);
    expect(near(6).filter((time) => time.startsWith("2026-12-05"))).toHaveLength(5);
  });
});

describe("availableDays", () => {
  const workingDaysInWindow = [
    "2026-12-01",
    "2026-12-02",
    "2026-12-03",
    "2026-12-04",
    "2026-12-05",
    // Sunday 6 December: no hours
    "2026-12-07",
    "2026-12-08",
    "2026-12-09",
    "2026-12-10",
    "2026-12-11",
    "2026-12-12",
    // Sunday 13 December
    "2026-12-14",
  ];

  it("offers the 14 days from today (not the rest of the 21-day horizon)", () => {
    expect(BOOKING_WINDOW_DAYS).toBe(14);
    expect(fixture.store.availability.availableDays(SADYKOVA)).toEqual(workingDaysInWindow);
    // Slots exist beyond the window; they are just not offered yet.
    expect(fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-15").length).toBeGreaterThan(0);
  });

  it("moves the window with the clock", () => {
    const { clock } = fixture;
    clock.set(at("2026-12-02", "07:00"));
    const days = fixture.store.availability.availableDays(SADYKOVA);
    expect(days[0]).toBe("2026-12-02");
    expect(days.at(-1)).toBe("2026-12-15");
  });

  it("offers a slot starting exactly 60 minutes from now, but not one starting in 59", () => {
    const { clock } = fixture;
    // Dr Sadykova's last Tuesday slot starts at 11:40.
    clock.set(at("2026-12-01", "10:40"));
    expect(fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-01").map((slot) => localTimeOf(slot.startsAt, ALMATY))).toEqual(["11:40"]);
    expect(fixture.store.availability.availableDays(SADYKOVA)[0]).toBe("2026-12-01");

    clock.set(at("2026-12-01", "10:41"));
    expect(fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-01")).toEqual([]);
    expect(fixture.store.availability.availableDays(SADYKOVA)[0]).toBe("2026-12-02");
    expect(fixture.store.availability.nearestFreeSlots(SADYKOVA, 1).map((slot) => slot.startsAt)).toEqual([at("2026-12-02", "08:00")]);
  });

  it("drops the slots of the next hour this morning (lead time)", () => {
    // 08:00
    const times = fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-01").map((slot) => localTimeOf(slot.startsAt, ALMATY));
    expect(times[0]).toBe("09:00");
    expect(times).not.toContain("08:40");
    const early = slotAt(fixture, SADYKOVA, at("2026-12-01", "08:40"));
    expect(fixture.store.availability.isBookable({ id: early.id, doctorId: SADYKOVA, startsAt: early.starts_at, endsAt: early.ends_at })).toBe(false);
  });

  it("leaves out a day whose every slot is booked", () => {
    const saturday = fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-05");
    saturday.forEach((slot, i) => book(fixture, 2000 + i, slot.id, "ultrasound", String(850101300100 + i)));
    expect(fixture.store.availability.availableDays(SADYKOVA)).toEqual(workingDaysInWindow.filter((day) => day !== "2026-12-05"));
  });
});
