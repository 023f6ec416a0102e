import { randomUUID } from "node:crypto";
import { readCatalog } from "../../src/app";
import type { Catalog } from "../../src/domain/catalog";
import { CATALOG_PATH } from "../support/fixtures";
import { consentingAccount, person, type StoreFixture } from "../support/store";

/** Dr Sadykova: ultrasound + pediatrician, 20-minute slots, Mon–Fri 08:00–12:00, Sat 09:00–11:00. */
export const SADYKOVA = "sadykova-gulnar";
/** Dr Nurlanov: neurologist, 40-minute slots, Mon/Wed/Fri 14:00–18:00. */
export const NURLANOV = "nurlanov-erlan";

export interface SlotRow {
  id: string;
  doctor_id: string;
  starts_at: string;
  ends_at: string;
}

export function allSlots(fixture: StoreFixture, doctorId?: string): SlotRow[] {
  const sqlite = fixture.store.db.$client;
  return (
    doctorId
      ? sqlite.prepare("SELECT * FROM slots WHERE doctor_id = ? ORDER BY starts_at").all(doctorId)
      : sqlite.prepare("SELECT * FROM slots ORDER BY starts_at, doctor_id").all()
  ) as SlotRow[];
}

export function slotAt(fixture: StoreFixture, doctorId: string, startsAt: string): SlotRow {
  const slot = allSlots(fixture, doctorId).find((row) => row.starts_at === startsAt);
  if (!slot) throw new Error(`no slot of ${doctorId} at ${startsAt}`);
  return slot;
}

/** A new consenting account books the slot for itself. */
export function book(fixture: StoreFixture, chatId: number, slotId: string, serviceId: string, iin: string) {
  const accountId = consentingAccount(fixture.services, chatId);
  const outcome = fixture.services.bookings.book({
    accountId,
    channel: "telegram",
    relation: "self",
    representativeConfirmed: false,
    policyVersion: "1.0",
    draftKey: randomUUID(),
    person: person({ iin }),
    serviceId,
    slotId,
  });
  if (!outcome.ok) throw new Error(`booking failed: ${outcome.reason}`);
  return { accountId, booking: outcome.booking };
}

export function bookingStatus(fixture: StoreFixture, bookingId: string): string {
  return (fixture.store.db.$client.prepare("SELECT status FROM bookings WHERE id = ?").get(bookingId) as { status: string }).status;
}

/** The example catalogue with a change made to it. */
export function changedCatalog(change: (catalog: Catalog) => void): Catalog {
  const catalog = structuredClone(readCatalog(CATALOG_PATH));
  change(catalog);
  return catalog;
}

/** Without Dr Nurlanov, and the neurology only he provides. */
export function withoutNurlanov(catalog: Catalog): void {
  catalog.doctors = catalog.doctors.filter((doctor) => doctor.id !== NURLANOV);
  catalog.services = catalog.services.filter((service) => service.id !== "neurologist");
}

export function sadykova(catalog: Catalog) {
  const doctor = catalog.doctors.find((candidate) => candidate.id === SADYKOVA);
  if (!doctor) throw new Error("Dr Sadykova is not in the example catalogue");
  return doctor;
}
