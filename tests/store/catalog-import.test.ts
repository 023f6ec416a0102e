import { count } from "../support/database";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCatalog } from "../../src/app";
import { generateSlots, localDateOf, localTimeOf } from "../../src/domain/slots";
import { horizonDays, SLOT_HORIZON_DAYS } from "../../src/store/slot-horizon";
import { CATALOG_PATH } from "../support/fixtures";
import { allSlots, book, bookingStatus, changedCatalog, NURLANOV, SADYKOVA, sadykova, slotAt, withoutNurlanov } from "./catalog-fixtures";
import { ALMATY, at, openStore, otherProcessOn, type StoreFixture } from "../support/store";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => fixture.dispose());

describe("slot generation on import", () => {
  it("keeps slots 21 days ahead, and far enough for the longest course to be planned whole", () => {
    expect(horizonDays([])).toBe(SLOT_HORIZON_DAYS);
    // Ten sessions on two weekdays take five weeks, one more for the last one's alternatives, after the 14-day window.
    expect(horizonDays([{ sessions: 10, rhythm: { weekdays: [1, 3] } }, { sessions: 3, rhythm: { everyDays: 7 } }])).toBe(14 + 42);
    expect(horizonDays([{ sessions: 2, rhythm: { everyDays: 2 } }])).toBe(SLOT_HORIZON_DAYS);
  });

  it("creates exactly the slots of every doctor's weekly hours up to the horizon, none on a closed day", () => {
    const catalog = readCatalog(CATALOG_PATH);
    const closed = new Set(catalog.closedDays.map((day) => day.date));
    const expected = generateSlots(
      catalog.doctors.map((doctor) => ({ doctorId: doctor.id, slotMinutes: doctor.slotMinutes, weeklyHours: doctor.weeklyHours })),
      "2026-12-01",
      horizonDays(catalog.services.flatMap((service) => (service.course ? [service.course] : []))),
      ALMATY,
    ).filter((slot) => !closed.has(localDateOf(slot.startsAt, ALMATY)));
    const stored = allSlots(fixture).map((row) => ({ doctorId: row.doctor_id, startsAt: row.starts_at, endsAt: row.ends_at }));
    expect(stored).toHaveLength(expected.length);
    expect(new Set(stored.map((slot) => JSON.stringify(slot)))).toEqual(new Set(expected.map((slot) => JSON.stringify(slot))));
    const dates = stored.map((slot) => localDateOf(slot.startsAt, ALMATY)).sort();
    expect(dates[0]).toBe("2026-12-01");
    // The exercise therapy course of ten sessions sets the horizon: 56 days.
    expect(dates.at(-1)).toBe("2027-01-25");
    expect(dates).not.toContain("2026-12-16"); // Independence Day: the clinic is closed.
  });

  it("imports services, doctors and clinic facts", () => {
    expect(fixture.store.catalog.listServices().map((service) => service.id)).toEqual([
      "pediatrician",
      "neurologist",
      "speech-therapist",
      "exercise-therapy",
      "psychologist",
      "exercise-therapy-course",
      "speech-group",
      "ultrasound",
    ]);
    expect(fixture.store.catalog.doctorsFor("pediatrician").map((doctor) => doctor.id)).toEqual(["akhmetova-aigul", SADYKOVA]);
    expect(fixture.store.catalog.clinic().phone).toBe("+77272550101");
  });

  it("is idempotent: importing the same catalogue twice leaves the same slots, doctors and services", () => {
    const before = allSlots(fixture).map((row) => `${row.doctor_id} ${row.starts_at} ${row.ends_at}`);
    const tables = ["services", "doctors", "doctor_services", "clinic_info", "closed_days"].map((table) => count(fixture.store, table));
    fixture.store.catalogImport.importCatalog(readCatalog(CATALOG_PATH));
    fixture.store.catalogImport.importCatalog(readCatalog(CATALOG_PATH));
    expect(allSlots(fixture).map((row) => `${row.doctor_id} ${row.starts_at} ${row.ends_at}`)).toEqual(before);
    expect(["services", "doctors", "doctor_services", "clinic_info", "closed_days"].map((table) => count(fixture.store, table))).toEqual(tables);
    expect(fixture.store.slotHorizon.extend()).toBe(0);
  });
});

describe("closed days", () => {
  it("no slot is made on a public holiday of the example catalogue: 16 December, Independence Day", () => {
    const datesOf = (date: string) => allSlots(fixture).filter((slot) => localDateOf(slot.starts_at, ALMATY) === date);
    expect(datesOf("2026-12-16")).toEqual([]);
    expect(datesOf("2026-12-15").length).toBeGreaterThan(0);
    expect(fixture.store.catalog.closedDay("2026-12-16")).toEqual({ ru: "День Независимости", kk: "Тәуелсіздік күні" });
  });

  it("a re-import that closes a day removes its free slots; a slot that had a booking stays (a re-import destroys no booking) but is offered to nobody", () => {
    const booked = book(fixture, 9001, slotAt(fixture, SADYKOVA, at("2026-12-03", "09:00")).id, "ultrasound", "900101300126");
    fixture.services.bookings.cancel(booked.accountId, booked.booking.id, "telegram");
    const clinicDay = { date: "2026-12-03", name: { ru: "Санитарный день", kk: "Санитарлық күн" } };
    fixture.store.catalogImport.importCatalog(changedCatalog((catalog) => catalog.closedDays.push(clinicDay)));

    expect(allSlots(fixture, SADYKOVA).filter((slot) => localDateOf(slot.starts_at, ALMATY) === "2026-12-03").map((slot) => localTimeOf(slot.starts_at, ALMATY))).toEqual(["09:00"]);
    expect(fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-03")).toEqual([]);
    expect(fixture.store.availability.availableDays(SADYKOVA)).not.toContain("2026-12-03");
  });
});

describe("re-importing the catalogue", () => {
  it("takes the clinic's map link and what to bring from the catalogue, and drops them when the catalogue no longer gives them", () => {
    expect(fixture.store.catalog.clinic().mapUrl).toMatch(/^https:\/\/2gis\.kz\//);
    expect(fixture.store.catalog.clinic().bring?.child.kk).toBe("баланың туу туралы куәлігі және сіздің (заңды өкілдің) жеке куәлігіңіз.");
    fixture.store.catalogImport.importCatalog(
      changedCatalog((catalog) => {
        delete catalog.clinic.mapUrl;
        delete catalog.clinic.bring;
      }),
    );
    expect(fixture.store.catalog.clinic().mapUrl).toBeUndefined();
    expect(fixture.store.catalog.clinic().bring).toBeUndefined();
  });

  it("keeps a booked slot and its active booking when the same catalogue is imported again", () => {
    const slot = slotAt(fixture, SADYKOVA, at("2026-12-02", "09:00"));
    const { accountId, booking } = book(fixture, 1001, slot.id, "ultrasound", "900101300123");
    fixture.store.catalogImport.importCatalog(readCatalog(CATALOG_PATH));
    expect(slotAt(fixture, SADYKOVA, slot.starts_at).id).toBe(slot.id);
    expect(bookingStatus(fixture, booking.id)).toBe("booked");
    expect(fixture.store.bookings.upcomingFor(accountId).map((view) => view.id)).toEqual([booking.id]);
    expect(fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-02").map((free) => free.id)).not.toContain(slot.id);
  });

  it("keeps a slot whose booking was cancelled (the booking row refers to it) and offers it again", () => {
    const slot = slotAt(fixture, SADYKOVA, at("2026-12-02", "09:00"));
    const { accountId, booking } = book(fixture, 1001, slot.id, "ultrasound", "900101300123");
    fixture.services.bookings.cancel(accountId, booking.id, "telegram");
    expect(() => fixture.store.catalogImport.importCatalog(readCatalog(CATALOG_PATH))).not.toThrow();
    expect(bookingStatus(fixture, booking.id)).toBe("cancelled");
    expect(fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-02").map((free) => free.id)).toContain(slot.id);
  });

  it("with a doctor removed: deactivates the doctor and the service only they gave, keeps their booked slot and booking", () => {
    const slot = slotAt(fixture, NURLANOV, at("2026-12-02", "14:00"));
    const { accountId, booking } = book(fixture, 1001, slot.id, "neurologist", "900101300123");

    fixture.store.catalogImport.importCatalog(changedCatalog(withoutNurlanov));

    const doctorRow = fixture.store.db.$client.prepare("SELECT active FROM doctors WHERE id = ?").get(NURLANOV) as { active: number };
    const serviceRow = fixture.store.db.$client.prepare("SELECT active FROM services WHERE id = 'neurologist'").get() as { active: number };
    expect(doctorRow.active).toBe(0);
    expect(serviceRow.active).toBe(0);
    expect(fixture.store.catalog.listServices().map((service) => service.id)).not.toContain("neurologist");
    expect(fixture.store.catalog.doctorsFor("neurologist")).toEqual([]);
    // Still known by id, so the booking can be shown.
    expect(fixture.store.catalog.doctor(NURLANOV)?.id).toBe(NURLANOV);
    expect(fixture.store.catalog.service("neurologist")?.id).toBe("neurologist");

    // Only the booked slot of the removed doctor is left.
    expect(allSlots(fixture, NURLANOV).map((row) => row.id)).toEqual([slot.id]);
    expect(bookingStatus(fixture, booking.id)).toBe("booked");
    expect(fixture.store.bookings.upcomingFor(accountId)).toEqual([
      expect.objectContaining({ id: booking.id, doctorId: NURLANOV, startsAt: slot.starts_at, serviceId: "neurologist" }),
    ]);
  });

  it("with a doctor's hours changed: keeps the booked slot outside the new hours and generates the new ones", () => {
    // Wednesday 2 December 08:20–08:40 with Dr Sadykova, then her Wednesdays become 09:00–12:00.
    const slot = slotAt(fixture, SADYKOVA, at("2026-12-02", "08:20"));
    const { accountId, booking } = book(fixture, 1001, slot.id, "ultrasound", "900101300123");

    fixture.store.catalogImport.importCatalog(
      changedCatalog((catalog) => {
        sadykova(catalog).weeklyHours = sadykova(catalog).weeklyHours.map((hours) =>
          hours.weekday === 3 ? { weekday: 3, start: "09:00", end: "12:00" } : hours,
        );
      }),
    );

    const wednesday = allSlots(fixture, SADYKOVA).filter((row) => localDateOf(row.starts_at, ALMATY) === "2026-12-02");
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
    expect(bookingStatus(fixture, booking.id)).toBe("booked");
    expect(fixture.store.bookings.upcomingFor(accountId).map((view) => view.id)).toEqual([booking.id]);
    expect(fixture.store.availability.freeSlotsOn(SADYKOVA, "2026-12-02").map((free) => localTimeOf(free.startsAt, ALMATY))).not.toContain("08:20");
  });

  it("never deletes a booked slot, across imports of changed and original catalogues", () => {
    const booked = [
      book(fixture, 1001, slotAt(fixture, SADYKOVA, at("2026-12-02", "08:20")).id, "ultrasound", "900101300123"),
      book(fixture, 1002, slotAt(fixture, NURLANOV, at("2026-12-04", "15:20")).id, "neurologist", "900101300124"),
    ];
    const bookedSlotIds = () =>
      (fixture.store.db.$client.prepare("SELECT slot_id FROM bookings JOIN slots ON slots.id = bookings.slot_id").all() as { slot_id: string }[]).map(
        (row) => row.slot_id,
      );
    const before = bookedSlotIds();
    fixture.store.catalogImport.importCatalog(changedCatalog(withoutNurlanov));
    fixture.store.catalogImport.importCatalog(
      changedCatalog((catalog) => {
        sadykova(catalog).slotMinutes = 45;
      }),
    );
    fixture.store.catalogImport.importCatalog(readCatalog(CATALOG_PATH));
    expect(bookedSlotIds()).toEqual(before);
    for (const { booking } of booked) expect(bookingStatus(fixture, booking.id)).toBe("booked");
  });

  it("with a doctor's slot length changed: no new slot overlaps a booked one, so the doctor is never double-booked", () => {
    // Wednesday 2 December 08:20–08:40 is booked; then Dr Sadykova's slots become 30 minutes long.
    const slot = slotAt(fixture, SADYKOVA, at("2026-12-02", "08:20"));
    book(fixture, 1001, slot.id, "ultrasound", "900101300123");

    fixture.store.catalogImport.importCatalog(
      changedCatalog((catalog) => {
        sadykova(catalog).slotMinutes = 30;
      }),
    );

    const overlapping = fixture.store.availability
      .freeSlotsOn(SADYKOVA, "2026-12-02")
      .map((free) => slotAt(fixture, SADYKOVA, free.startsAt))
      .filter((free) => free.starts_at < slot.ends_at && slot.starts_at < free.ends_at)
      .map((free) => `${localTimeOf(free.starts_at, ALMATY)}–${localTimeOf(free.ends_at, ALMATY)}`);
    expect(overlapping, "free slots overlapping the booked 08:20–08:40").toEqual([]);
  });
});

describe("the catalogue a running bot has read", () => {
  /** What a dialogue reads of the catalogue at its steps, read once so that it is kept. */
  function readAsDialoguesDo(store: StoreFixture["store"]) {
    return {
      services: store.catalog.listServices().map((service) => service.id),
      doctors: store.catalog.doctorsFor("pediatrician").map((doctor) => doctor.id),
      doctorName: store.catalog.doctor(SADYKOVA)?.name.ru,
      serviceName: store.catalog.service("pediatrician")?.name.ru,
      phone: store.catalog.clinic().phone,
      closed: store.catalog.closedDay("2026-12-09")?.ru,
    };
  }

  const changes = changedCatalog((catalog) => {
    withoutNurlanov(catalog);
    sadykova(catalog).name.ru = "Садыкова Гульнар (педиатр)";
    sadykova(catalog).serviceIds = sadykova(catalog).serviceIds.filter((id) => id !== "pediatrician");
    catalog.services.find((service) => service.id === "pediatrician")!.name.ru = "Приём педиатра";
    catalog.clinic.phone = "+7 727 000 00 00";
    catalog.closedDays.push({ date: "2026-12-09", name: { ru: "Санитарный день", kk: "Санитарлық күн" } });
  });

  function expectChanged(read: ReturnType<typeof readAsDialoguesDo>) {
    expect(read.services).not.toContain("neurologist");
    expect(read.doctors).not.toContain(SADYKOVA);
    expect(read.doctorName).toBe("Садыкова Гульнар (педиатр)");
    expect(read.serviceName).toBe("Приём педиатра");
    expect(read.phone).toBe("+7 727 000 00 00");
    expect(read.closed).toBe("Санитарный день");
  }

  it("is read anew after an import in the same process", () => {
    const before = readAsDialoguesDo(fixture.store);
    expect(before.doctors).toContain(SADYKOVA);
    expect(before.closed).toBeUndefined();
    fixture.store.catalogImport.importCatalog(changes);
    expectChanged(readAsDialoguesDo(fixture.store));
  });

  it("is read anew after another process (the admin command line) changed it in the same database file", async () => {
    const bot = await openStore({ onDisk: true });
    try {
      expect(readAsDialoguesDo(bot.store).phone).not.toBe("+7 727 000 00 00");
      // Raw SQL on a connection of its own: nothing of this process's own imports (catalogChanged) is involved.
      const admin = otherProcessOn(bot);
      admin.store.db.$client.prepare("UPDATE clinic_info SET value = ? WHERE key = 'phone'").run("+7 727 000 00 00");
      admin.store.db.$client.prepare("UPDATE doctors SET name_ru = ? WHERE id = ?").run("Садыкова Гульнар (педиатр)", SADYKOVA);
      admin.close();
      const after = readAsDialoguesDo(bot.store);
      expect(after.phone).toBe("+7 727 000 00 00");
      expect(after.doctorName).toBe("Садыкова Гульнар (педиатр)");
    } finally {
      bot.dispose();
    }
  });
});
