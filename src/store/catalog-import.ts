import { eq, notInArray } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import type { Catalog } from "../domain/catalog";
import { catalogChanged } from "./catalog";
import type { Executor } from "./database";
import { clinicInfo, closedDays, doctorServices, doctors, services } from "./schema";
import { SlotHorizon } from "./slot-horizon";

/** Writes a parsed catalogue (services, doctors, who provides what, the clinic, its closed days) over the current one. */
export class CatalogImport {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly timeZone: string,
  ) {}

  /**
   * Replaces the catalogue. Services and doctors that disappear are deactivated, not deleted, and
   * future slots are regenerated except those someone booked: a re-import never destroys a booking.
   */
  importCatalog(catalog: Catalog): { services: number; doctors: number; slots: number } {
    // Before and after: a read inside the transaction sees its writes, one after it sees the commit.
    catalogChanged();
    try {
      return this.writeCatalog(catalog);
    } finally {
      catalogChanged();
    }
  }

  private writeCatalog(catalog: Catalog): { services: number; doctors: number; slots: number } {
    return this.db.transaction(
      (tx) => {
        catalog.services.forEach((service, position) => {
          const values = {
            nameRu: service.name.ru,
            nameKk: service.name.kk,
            descriptionRu: service.description?.ru ?? null,
            descriptionKk: service.description?.kk ?? null,
            ageMin: service.ages?.min ?? null,
            ageMax: service.ages?.max ?? null,
            capacity: service.capacity ?? 1,
            course: service.course ?? null,
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
        // What the catalogue no longer gives (a map link, what to bring) is not left behind from an earlier import.
        const optional: Record<string, string | undefined> = {
          mapUrl: clinic.mapUrl,
          "bring.adult.ru": clinic.bring?.adult.ru,
          "bring.adult.kk": clinic.bring?.adult.kk,
          "bring.child.ru": clinic.bring?.child.ru,
          "bring.child.kk": clinic.bring?.child.kk,
        };
        for (const [key, value] of Object.entries(optional)) {
          if (value === undefined) tx.delete(clinicInfo).where(eq(clinicInfo.key, key)).run();
          else tx.insert(clinicInfo).values({ key, value }).onConflictDoUpdate({ target: clinicInfo.key, set: { value } }).run();
        }

        tx.delete(closedDays).run();
        for (const day of catalog.closedDays) tx.insert(closedDays).values({ date: day.date, nameRu: day.name.ru, nameKk: day.name.kk }).run();

        // The slots follow the new hours and closed days within the same transaction.
        const horizon = new SlotHorizon(tx, this.clock, this.ids, this.timeZone);
        horizon.dropUnbookedOffSchedule();
        return { services: catalog.services.length, doctors: catalog.doctors.length, slots: horizon.extend() };
      },
      { behavior: "immediate" },
    );
  }
}
