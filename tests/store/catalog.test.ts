import { afterEach, describe, expect, it } from "vitest";
import { createApp, readCatalog } from "../../src/app";
import type { App } from "../../src/app";
import type { Catalog } from "../../src/domain/catalog";
import { generateSlots, localDateOf, localTimeOf, zonedWallTimeToInstant } from "../../src/domain/slots";
import { createLogger } from "../../src/logger";
import { BOOKING_WINDOW_DAYS, SLOT_HORIZON_DAYS } from "../../src/store/catalog";
import { TestClock, sequentialBookingNumbers } from "../support/clock";
import { count } from "../support/database";
import { ALMATY, CATALOG_PATH, DEFAULT_NOW, TEST_KEY } from "../support/fixtures";
import { consentingAccount, person } from "../support/store";

const SADYKOVA = "sadykova-gulnar"; // ultrasound + pediatrician, 20-minute slots, Mon–Fri 08:00–12:00, Sat 09:00–11:00
const NURLANOV = "nurlanov-erlan"; // neurologist, 40-minute slots, Mon/Wed/Fri 14:00–18:00

const running: App[] = [];

afterEach(() => {
  for (const app of running.splice(0)) if (app.store.db.$client.open) app.store.db.$client.close();
});

async function startApp(now = DEFAULT_NOW): Promise<{ app: App; clock: TestClock }> {
  const clock = new TestClock(now);
  const app = await createApp({
    databasePath: ":memory:",
    masterKeys: { current: TEST_KEY, previous: [] },
    timeZone: ALMATY,
    staffChatId: undefined,
    staffLocale: "ru",
    catalogPath: CATALOG_PATH,
    clock,
    ids: sequentialBookingNumbers(),
    logger: createLogger("silent"),
  });
  running.push(app);
  return { app, clock };
}

const at = (date: string, time: string) => zonedWallTimeToInstant(date, time, ALMATY).toISOString();

interface SlotRow {
  id: string;
  doctor_id: string;
  starts_at: string;
  ends_at: string;
}

function allSlots(app: App, doctorId?: string): SlotRow[] {
  const sqlite = app.store.db.$client;
  return (
    doctorId
      ? sqlite.prepare("SELECT * FROM slots WHERE doctor_id = ? ORDER BY starts_at").all(doctorId)
      : sqlite.prepare("SELECT * FROM slots ORDER BY starts_at, doctor_id").all()
  ) as SlotRow[];
}

function slotAt(app: App, doctorId: string, startsAt: string): SlotRow {
  const slot = allSlots(app, doctorId).find((row) => row.starts_at === startsAt);
  if (!slot) throw new Error(`no slot of ${doctorId} at ${startsAt}`);
  return slot;
}

function book(app: App, chatId: number, slotId: string, serviceId: string, iin: string) {
  const accountId = consentingAccount(app.store, chatId);
  const outcome = app.store.bookings.book({
    accountId,
    channel: "telegram",
    relation: "self",
    representativeConfirmed: false,
    policyVersion: "1.0",
    person: person({ iin }),
    serviceId,
    slotId,
  });
  if (!outcome.ok) throw new Error(`booking failed: ${outcome.reason}`);
  return { accountId, booking: outcome.booking };
}

function bookingStatus(app: App, bookingId: string): string {
  return (app.store.db.$client.prepare("SELECT status FROM bookings WHERE id = ?").get(bookingId) as { status: string }).status;
}

/** The example catalogue without Dr Nurlanov (and the neurology only he provides), Dr Sadykova on new hours. */
function changedCatalog(change: (catalog: Catalog) => void): Catalog {
  const catalog = structuredClone(readCatalog(CATALOG_PATH));
  change(catalog);
  return catalog;
}

function withoutNurlanov(catalog: Catalog): void {
  catalog.doctors = catalog.doctors.filter((doctor) => doctor.id !== NURLANOV);
  catalog.services = catalog.services.filter((service) => service.id !== "neurologist");
}

function sadykova(catalog: Catalog) {
  const doctor = catalog.doctors.find((candidate) => candidate.id === SADYKOVA);
  if (!doctor) throw new Error("Dr Sadykova is not in the example catalogue");
  return doctor;
}

describe("slot generation on import", () => {
  it("creates exactly the slots of every doctor's weekly hours for the 21-day horizon", async () => {
    const { app } = await startApp();
    const catalog = readCatalog(CATALOG_PATH);
    const expected = generateSlots(
      catalog.doctors.map((doctor) => ({ doctorId: doctor.id, slotMinutes: doctor.slotMinutes, weeklyHours: doctor.weeklyHours })),
      "2026-12-01",
      SLOT_HORIZON_DAYS,
      ALMATY,
    );
    const stored = allSlots(app).map((row) => ({ doctorId: row.doctor_id, startsAt: row.starts_at, endsAt: row.ends_at }));
    expect(stored).toHaveLength(expected.length);
    expect(new Set(stored.map((slot) => JSON.stringify(slot)))).toEqual(new Set(expected.map((slot) => JSON.stringify(slot))));
    const dates = stored.map((slot) => localDateOf(slot.startsAt, ALMATY)).sort();
    expect(dates[0]).toBe("2026-12-01");
    expect(dates.at(-1)).toBe("2026-12-21");
  });

  it("imports services, doctors and clinic facts", async () => {
    const { app } = await startApp();
    expect(app.store.catalog.listServices().map((service) => service.id)).toEqual([
      "pediatrician",
      "neurologist",
      "speech-therapist",
      "exercise-therapy",
      "psychologist",
      "ultrasound",
    ]);
    expect(app.store.catalog.doctorsFor("pediatrician").map((doctor) => doctor.id)).toEqual(["akhmetova-aigul", SADYKOVA]);
    expect(app.store.catalog.clinic().phone).toBe("+77272550101");
  });

  it("is idempotent: importing the same catalogue twice leaves the same slots, doctors and services", async () => {
    const { app } = await startApp();
    const before = allSlots(app).map((row) => `${row.doctor_id} ${row.starts_at} ${row.ends_at}`);
    const tables = ["services", "doctors", "doctor_services", "clinic_info"].map((table) => count(app.store, table));
    app.store.catalog.importCatalog(readCatalog(CATALOG_PATH));
    app.store.catalog.importCatalog(readCatalog(CATALOG_PATH));
    expect(allSlots(app).map((row) => `${row.doctor_id} ${row.starts_at} ${row.ends_at}`)).toEqual(before);
    expect(["services", "doctors", "doctor_services", "clinic_info"].map((table) => count(app.store, table))).toEqual(tables);
    expect(app.store.catalog.extendSlots()).toBe(0);
  });

  it("extends the horizon by one day when a day has passed", async () => {
    const { app, clock } = await startApp();
    const before = allSlots(app).length;
    clock.set(at("2026-12-02", "08:00"));
    const added = app.store.catalog.extendSlots();
    // 22 December 2026 is a Tuesday: the Tuesday hours of every doctor.
    const tuesday = allSlots(app).filter((row) => localDateOf(row.starts_at, ALMATY) === "2026-12-22");
    expect(added).toBe(tuesday.length);
    expect(added).toBeGreaterThan(0);
    expect(allSlots(app)).toHaveLength(before + added);
  });
});

describe("free slots", () => {
  it("exclude a booked slot, and include it again once the booking is cancelled", async () => {
    const { app } = await startApp();
    const slot = slotAt(app, SADYKOVA, at("2026-12-02", "09:00"));
    const freeIds = () => app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-02").map((free) => free.id);
    expect(freeIds()).toContain(slot.id);

    const { accountId, booking } = book(app, 1001, slot.id, "ultrasound", "900101300123");
    expect(freeIds()).not.toContain(slot.id);
    expect(app.store.catalog.nearestFreeSlots(SADYKOVA, 50).map((free) => free.id)).not.toContain(slot.id);
    expect(freeIds()).toHaveLength(11);

    expect(app.store.bookings.cancel(accountId, booking.id, "telegram").ok).toBe(true);
    expect(freeIds()).toContain(slot.id);
  });

  it("of one day are that day's slots in order, in the clinic's time zone", async () => {
    const { app } = await startApp();
    const times = app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-05").map((slot) => localTimeOf(slot.startsAt, ALMATY));
    expect(times).toEqual(["09:00", "09:20", "09:40", "10:00", "10:20", "10:40"]);
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

  it("offers the 14 days from today (not the rest of the 21-day horizon)", async () => {
    const { app } = await startApp();
    expect(BOOKING_WINDOW_DAYS).toBe(14);
    expect(app.store.catalog.availableDays(SADYKOVA)).toEqual(workingDaysInWindow);
    // Slots exist beyond the window; they are just not offered yet.
    expect(app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-15").length).toBeGreaterThan(0);
  });

  it("moves the window with the clock", async () => {
    const { app, clock } = await startApp();
    clock.set(at("2026-12-02", "07:00"));
    const days = app.store.catalog.availableDays(SADYKOVA);
    expect(days[0]).toBe("2026-12-02");
    expect(days.at(-1)).toBe("2026-12-15");
  });

  it("offers a slot starting exactly 60 minutes from now, but not one starting in 59", async () => {
    const { app, clock } = await startApp();
    // Dr Sadykova's last Tuesday slot starts at 11:40.
    clock.set(at("2026-12-01", "10:40"));
    expect(app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-01").map((slot) => localTimeOf(slot.startsAt, ALMATY))).toEqual(["11:40"]);
    expect(app.store.catalog.availableDays(SADYKOVA)[0]).toBe("2026-12-01");

    clock.set(at("2026-12-01", "10:41"));
    expect(app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-01")).toEqual([]);
    expect(app.store.catalog.availableDays(SADYKOVA)[0]).toBe("2026-12-02");
    expect(app.store.catalog.nearestFreeSlots(SADYKOVA, 1).map((slot) => slot.startsAt)).toEqual([at("2026-12-02", "08:00")]);
  });

  it("drops the slots of the next hour this morning (lead time)", async () => {
    const { app } = await startApp(); // 08:00
    const times = app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-01").map((slot) => localTimeOf(slot.startsAt, ALMATY));
    expect(times[0]).toBe("09:00");
    expect(times).not.toContain("08:40");
    const early = slotAt(app, SADYKOVA, at("2026-12-01", "08:40"));
    expect(app.store.catalog.isBookable({ id: early.id, doctorId: SADYKOVA, startsAt: early.starts_at })).toBe(false);
  });

  it("leaves out a day whose every slot is booked", async () => {
    const { app } = await startApp();
    const saturday = app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-05");
    saturday.forEach((slot, i) => book(app, 2000 + i, slot.id, "ultrasound", String(850101300100 + i)));
    expect(app.store.catalog.availableDays(SADYKOVA)).toEqual(workingDaysInWindow.filter((day) => day !== "2026-12-05"));
  });
});

describe("re-importing the catalogue", () => {
  it("keeps a booked slot and its active booking when the same catalogue is imported again", async () => {
    const { app } = await startApp();
    const slot = slotAt(app, SADYKOVA, at("2026-12-02", "09:00"));
    const { accountId, booking } = book(app, 1001, slot.id, "ultrasound", "900101300123");
    app.store.catalog.importCatalog(readCatalog(CATALOG_PATH));
    expect(slotAt(app, SADYKOVA, slot.starts_at).id).toBe(slot.id);
    expect(bookingStatus(app, booking.id)).toBe("active");
    expect(app.store.bookings.upcomingFor(accountId).map((view) => view.id)).toEqual([booking.id]);
    expect(app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-02").map((free) => free.id)).not.toContain(slot.id);
  });

  it("keeps a slot whose booking was cancelled (the booking row refers to it) and offers it again", async () => {
    const { app } = await startApp();
    const slot = slotAt(app, SADYKOVA, at("2026-12-02", "09:00"));
    const { accountId, booking } = book(app, 1001, slot.id, "ultrasound", "900101300123");
    app.store.bookings.cancel(accountId, booking.id, "telegram");
    expect(() => app.store.catalog.importCatalog(readCatalog(CATALOG_PATH))).not.toThrow();
    expect(bookingStatus(app, booking.id)).toBe("cancelled");
    expect(app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-02").map((free) => free.id)).toContain(slot.id);
  });

  it("with a doctor removed: deactivates the doctor and the service only they gave, keeps their booked slot and booking", async () => {
    const { app } = await startApp();
    const slot = slotAt(app, NURLANOV, at("2026-12-02", "14:00"));
    const { accountId, booking } = book(app, 1001, slot.id, "neurologist", "900101300123");

    app.store.catalog.importCatalog(changedCatalog(withoutNurlanov));

    const doctorRow = app.store.db.$client.prepare("SELECT active FROM doctors WHERE id = ?").get(NURLANOV) as { active: number };
    const serviceRow = app.store.db.$client.prepare("SELECT active FROM services WHERE id = 'neurologist'").get() as { active: number };
    expect(doctorRow.active).toBe(0);
    expect(serviceRow.active).toBe(0);
    expect(app.store.catalog.listServices().map((service) => service.id)).not.toContain("neurologist");
    expect(app.store.catalog.doctorsFor("neurologist")).toEqual([]);
    // Still known by id, so the booking can be shown.
    expect(app.store.catalog.doctor(NURLANOV)?.id).toBe(NURLANOV);
    expect(app.store.catalog.service("neurologist")?.id).toBe("neurologist");

    // Only the booked slot of the removed doctor is left.
    expect(allSlots(app, NURLANOV).map((row) => row.id)).toEqual([slot.id]);
    expect(bookingStatus(app, booking.id)).toBe("active");
    expect(app.store.bookings.upcomingFor(accountId)).toEqual([
      expect.objectContaining({ id: booking.id, doctorId: NURLANOV, startsAt: slot.starts_at, serviceId: "neurologist" }),
    ]);
  });

  it("with a doctor's hours changed: keeps the booked slot outside the new hours and generates the new ones", async () => {
    const { app } = await startApp();
    // Wednesday 2 December 08:20–08:40 with Dr Sadykova, then her Wednesdays become 09:00–12:00.
    const slot = slotAt(app, SADYKOVA, at("2026-12-02", "08:20"));
    const { accountId, booking } = book(app, 1001, slot.id, "ultrasound", "900101300123");

    app.store.catalog.importCatalog(
      changedCatalog((catalog) => {
        sadykova(catalog).weeklyHours = sadykova(catalog).weeklyHours.map((hours) =>
          hours.weekday === 3 ? { weekday: 3, start: "09:00", end: "12:00" } : hours,
        );
      }),
    );

    const wednesday = allSlots(app, SADYKOVA).filter((row) => localDateOf(row.starts_at, ALMATY) === "2026-12-02");
    expect(wednesday.map((row) => localTimeOf(row.starts_at, ALMATY))).toEqual([
      "08:20",
      "09:00",
      "09:20",
      "09:40",
      "10:00",
      "10:20",
      "10:40",
      "11:00",
      "11:20",
      "11:40",
    ]);
    expect(wednesday[0]!.id).toBe(slot.id);
    expect(bookingStatus(app, booking.id)).toBe("active");
    expect(app.store.bookings.upcomingFor(accountId).map((view) => view.id)).toEqual([booking.id]);
    expect(app.store.catalog.freeSlotsOn(SADYKOVA, "2026-12-02").map((free) => localTimeOf(free.startsAt, ALMATY))).not.toContain("08:20");
  });

  it("never deletes a booked slot, across imports of changed and original catalogues", async () => {
    const { app } = await startApp();
    const booked = [
      book(app, 1001, slotAt(app, SADYKOVA, at("2026-12-02", "08:20")).id, "ultrasound", "900101300123"),
      book(app, 1002, slotAt(app, NURLANOV, at("2026-12-04", "15:20")).id, "neurologist", "900101300124"),
    ];
    const bookedSlotIds = () =>
      (app.store.db.$client.prepare("SELECT slot_id FROM bookings JOIN slots ON slots.id = bookings.slot_id").all() as { slot_id: string }[]).map(
        (row) => row.slot_id,
      );
    const before = bookedSlotIds();
    app.store.catalog.importCatalog(changedCatalog(withoutNurlanov));
    app.store.catalog.importCatalog(
      changedCatalog((catalog) => {
        sadykova(catalog).slotMinutes = 45;
      }),
    );
    app.store.catalog.importCatalog(readCatalog(CATALOG_PATH));
    expect(bookedSlotIds()).toEqual(before);
    for (const { booking } of booked) expect(bookingStatus(app, booking.id)).toBe("active");
  });

  it("with a doctor's slot length changed: no new slot overlaps a booked one, so the doctor is never double-booked", async () => {
    const { app } = await startApp();
    // Wednesday 2 December 08:20–08:40 is booked; then Dr Sadykova's slots become 30 minutes long.
    const slot = slotAt(app, SADYKOVA, at("2026-12-02", "08:20"));
    book(app, 1001, slot.id, "ultrasound", "900101300123");

    app.store.catalog.importCatalog(
      changedCatalog((catalog) => {
        sadykova(catalog).slotMinutes = 30;
      }),
    );

    const overlapping = app.store.catalog
      .freeSlotsOn(SADYKOVA, "2026-12-02")
      .map((free) => slotAt(app, SADYKOVA, free.startsAt))
      .filter((free) => free.starts_at < slot.ends_at && slot.starts_at < free.ends_at)
      .map((free) => `${localTimeOf(free.starts_at, ALMATY)}–${localTimeOf(free.ends_at, ALMATY)}`);
    expect(overlapping, "free slots overlapping the booked 08:20–08:40").toEqual([]);
  });
});
