import { and, asc, eq, gt, gte, inArray, lt, notExists, notInArray, sql } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import type { Catalog, LocalizedText } from "../domain/catalog";
import { addDays, generateSlots, localDateOf, zonedWallTimeToInstant } from "../domain/slots";
import type { Db } from "./database";
import { bookings, clinicInfo, doctorServices, doctors, services, slots } from "./schema";

export interface ServiceView {
  id: string;
  name: LocalizedText;
}

export interface DoctorView {
  id: string;
  name: LocalizedText;
  specialty: LocalizedText;
}

export interface SlotView {
  id: string;
  doctorId: string;
  startsAt: string;
}

export interface ClinicView {
  name: LocalizedText;
  address: LocalizedText;
  phone: string;
}

/** How far ahead slots exist, and how far ahead a patient may book (booking issue: 14 days). */
export const SLOT_HORIZON_DAYS = 21;
export const BOOKING_WINDOW_DAYS = 14;
/** Staff need time to prepare; a slot starting sooner than this is not offered. */
export const BOOKING_LEAD_MINUTES = 60;

/** Services, doctors, working hours and the slots generated from them. */
export class CatalogRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly timeZone: string,
  ) {}

  /**
   * Replaces the catalogue. Services and doctors that disappear are deactivated, not deleted, and
   * future slots are regenerated except those someone booked: a re-import never destroys a booking.
   */
  importCatalog(catalog: Catalog): { services: number; doctors: number; slots: number } {
    return this.db.transaction(
      (tx) => {
        catalog.services.forEach((service, position) => {
          const values = {
            nameRu: service.name.ru,
            nameKk: service.name.kk,
            descriptionRu: service.description?.ru ?? null,
            descriptionKk: service.description?.kk ?? null,
            position,
            active: true,
          };
          tx.insert(services).values({ id: service.id, ...values }).onConflictDoUpdate({ target: services.id, set: values }).run();
        });
        tx.update(services)
          .set({ active: false })
          .where(notInArray(services.id, catalog.services.map((s) => s.id)))
          .run();

        catalog.doctors.forEach((doctor, position) => {
          const values = {
            nameRu: doctor.name.ru,
            nameKk: doctor.name.kk,
            specialtyRu: doctor.specialty.ru,
            specialtyKk: doctor.specialty.kk,
            slotMinutes: doctor.slotMinutes,
            weeklyHours: doctor.weeklyHours,
            position,
            active: true,
          };
          tx.insert(doctors).values({ id: doctor.id, ...values }).onConflictDoUpdate({ target: doctors.id, set: values }).run();
        });
        tx.update(doctors)
          .set({ active: false })
          .where(notInArray(doctors.id, catalog.doctors.map((d) => d.id)))
          .run();

        tx.delete(doctorServices).run();
        for (const doctor of catalog.doctors) {
          for (const serviceId of doctor.serviceIds) tx.insert(doctorServices).values({ doctorId: doctor.id, serviceId }).run();
        }

        const clinic = catalog.clinic;
        for (const [key, value] of Object.entries({
          "name.ru": clinic.name.ru,
          "name.kk": clinic.name.kk,
          "address.ru": clinic.address.ru,
          "address.kk": clinic.address.kk,
          phone: clinic.phone,
        })) {
          tx.insert(clinicInfo).values({ key, value }).onConflictDoUpdate({ target: clinicInfo.key, set: { value } }).run();
        }

        this.dropUnbookedSlotsOffSchedule();
        return { services: catalog.services.length, doctors: catalog.doctors.length, slots: this.extendSlots() };
      },
      { behavior: "immediate" },
    );
  }

  /** Generates missing slots up to the horizon; safe to run as often as you like. */
  extendSlots(): number {
    const now = this.clock.now().toISOString();
    const existing = this.futureSlots(now);
    let inserted = 0;
    for (const slot of this.scheduledSlots()) {
      if (slot.endsAt <= now) continue;
      const taken = existing.get(slot.doctorId) ?? [];
      // A booked slot kept from older hours must not be overlapped by a new one (no double booking).
      if (taken.some((other) => other.startsAt < slot.endsAt && slot.startsAt < other.endsAt)) continue;
      inserted += this.db
        .insert(slots)
        .values({ id: this.ids.newId(), ...slot })
        .onConflictDoNothing({ target: [slots.doctorId, slots.startsAt] })
        .run().changes;
      taken.push(slot);
      existing.set(slot.doctorId, taken);
    }
    return inserted;
  }

  /** Whether the doctor provides the service (both active): a booking must never pair them otherwise. */
  provides(doctorId: string, serviceId: string): boolean {
    return Boolean(
      this.db
        .select({ one: sql`1` })
        .from(doctorServices)
        .innerJoin(doctors, and(eq(doctors.id, doctorServices.doctorId), eq(doctors.active, true)))
        .innerJoin(services, and(eq(services.id, doctorServices.serviceId), eq(services.active, true)))
        .where(and(eq(doctorServices.doctorId, doctorId), eq(doctorServices.serviceId, serviceId)))
        .get(),
    );
  }

  /** The slots the current working hours give from today to the horizon. */
  private scheduledSlots() {
    const today = localDateOf(this.clock.now(), this.timeZone);
    const schedules = this.db
      .select()
      .from(doctors)
      .where(eq(doctors.active, true))
      .all()
      .map((doctor) => ({ doctorId: doctor.id, slotMinutes: doctor.slotMinutes, weeklyHours: doctor.weeklyHours }));
    return generateSlots(schedules, today, SLOT_HORIZON_DAYS, this.timeZone);
  }

  /**
   * After the hours changed: future slots nobody ever booked and that the new hours no longer give are
   * removed. Slots that still fit keep their ids (an open dialogue may hold one), and a slot with a
   * booking, even a cancelled one, always stays.
   */
  private dropUnbookedSlotsOffSchedule(): void {
    const scheduled = new Set(this.scheduledSlots().map((slot) => `${slot.doctorId}|${slot.startsAt}|${slot.endsAt}`));
    const unbooked = this.db
      .select({ id: slots.id, doctorId: slots.doctorId, startsAt: slots.startsAt, endsAt: slots.endsAt })
      .from(slots)
      .where(
        and(
          gt(slots.startsAt, this.clock.now().toISOString()),
          notExists(this.db.select({ one: sql`1` }).from(bookings).where(eq(bookings.slotId, slots.id))),
        ),
      )
      .all();
    const stale = unbooked.filter((slot) => !scheduled.has(`${slot.doctorId}|${slot.startsAt}|${slot.endsAt}`)).map((slot) => slot.id);
    for (let index = 0; index < stale.length; index += 500) {
      this.db.delete(slots).where(inArray(slots.id, stale.slice(index, index + 500))).run();
    }
  }

  private futureSlots(now: string): Map<string, { startsAt: string; endsAt: string }[]> {
    const byDoctor = new Map<string, { startsAt: string; endsAt: string }[]>();
    const rows = this.db
      .select({ doctorId: slots.doctorId, startsAt: slots.startsAt, endsAt: slots.endsAt })
      .from(slots)
      .where(gt(slots.endsAt, now))
      .all();
    for (const row of rows) {
      const list = byDoctor.get(row.doctorId) ?? [];
      list.push(row);
      byDoctor.set(row.doctorId, list);
    }
    return byDoctor;
  }

  clinic(): ClinicView {
    const values = new Map(this.db.select().from(clinicInfo).all().map((row) => [row.key, row.value]));
    const get = (key: string) => values.get(key) ?? "";
    return {
      name: { ru: get("name.ru"), kk: get("name.kk") },
      address: { ru: get("address.ru"), kk: get("address.kk") },
      phone: get("phone"),
    };
  }

  /** Active services that at least one active doctor provides, in catalogue order. */
  listServices(): ServiceView[] {
    return this.db
      .selectDistinct({ id: services.id, ru: services.nameRu, kk: services.nameKk, position: services.position })
      .from(services)
      .innerJoin(doctorServices, eq(doctorServices.serviceId, services.id))
      .innerJoin(doctors, and(eq(doctors.id, doctorServices.doctorId), eq(doctors.active, true)))
      .where(eq(services.active, true))
      .orderBy(asc(services.position))
      .all()
      .map((row) => ({ id: row.id, name: { ru: row.ru, kk: row.kk } }));
  }

  service(serviceId: string): ServiceView | undefined {
    const row = this.db.select().from(services).where(eq(services.id, serviceId)).get();
    return row && { id: row.id, name: { ru: row.nameRu, kk: row.nameKk } };
  }

  doctorsFor(serviceId: string): DoctorView[] {
    return this.db
      .select({ doctor: doctors })
      .from(doctors)
      .innerJoin(doctorServices, eq(doctorServices.doctorId, doctors.id))
      .where(and(eq(doctorServices.serviceId, serviceId), eq(doctors.active, true)))
      .orderBy(asc(doctors.position))
      .all()
      .map(({ doctor }) => toDoctorView(doctor));
  }

  doctor(doctorId: string): DoctorView | undefined {
    const row = this.db.select().from(doctors).where(eq(doctors.id, doctorId)).get();
    return row && toDoctorView(row);
  }

  slot(slotId: string): SlotView | undefined {
    return this.db
      .select({ id: slots.id, doctorId: slots.doctorId, startsAt: slots.startsAt })
      .from(slots)
      .where(eq(slots.id, slotId))
      .get();
  }

  /** Local dates within the booking window on which the doctor has a free slot. */
  availableDays(doctorId: string): string[] {
    const today = localDateOf(this.clock.now(), this.timeZone);
    const until = zonedWallTimeToInstant(addDays(today, BOOKING_WINDOW_DAYS), "00:00", this.timeZone).toISOString();
    const dates = this.freeSlots(doctorId, this.earliestBookable(), until).map((slot) => localDateOf(slot.startsAt, this.timeZone));
    return [...new Set(dates)];
  }

  freeSlotsOn(doctorId: string, date: string): SlotView[] {
    const dayStart = zonedWallTimeToInstant(date, "00:00", this.timeZone).toISOString();
    const dayEnd = zonedWallTimeToInstant(addDays(date, 1), "00:00", this.timeZone).toISOString();
    const from = dayStart > this.earliestBookable() ? dayStart : this.earliestBookable();
    return this.freeSlots(doctorId, from, dayEnd);
  }

  /** The soonest free slots of a doctor, offered when the chosen one was taken meanwhile. */
  nearestFreeSlots(doctorId: string, limit: number): SlotView[] {
    const today = localDateOf(this.clock.now(), this.timeZone);
    const until = zonedWallTimeToInstant(addDays(today, BOOKING_WINDOW_DAYS), "00:00", this.timeZone).toISOString();
    return this.freeSlots(doctorId, this.earliestBookable(), until).slice(0, limit);
  }

  isBookable(slot: SlotView): boolean {
    return slot.startsAt >= this.earliestBookable();
  }

  private earliestBookable(): string {
    return new Date(this.clock.now().getTime() + BOOKING_LEAD_MINUTES * 60_000).toISOString();
  }

  private freeSlots(doctorId: string, from: string, until: string): SlotView[] {
    return this.db
      .select({ id: slots.id, doctorId: slots.doctorId, startsAt: slots.startsAt })
      .from(slots)
      .where(
        and(
          eq(slots.doctorId, doctorId),
          gte(slots.startsAt, from),
          lt(slots.startsAt, until),
          notExists(
            this.db
              .select({ one: sql`1` })
              .from(bookings)
              .where(and(eq(bookings.slotId, slots.id), eq(bookings.status, "active"))),
          ),
        ),
      )
      .orderBy(asc(slots.startsAt))
      .all();
  }
}

function toDoctorView(row: typeof doctors.$inferSelect): DoctorView {
  return {
    id: row.id,
    name: { ru: row.nameRu, kk: row.nameKk },
    specialty: { ru: row.specialtyRu, kk: row.specialtyKk },
  };
}

