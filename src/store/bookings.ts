import { and, asc, eq, gte, inArray } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import { maskIin } from "../domain/iin";
import type { AccountRepository } from "./accounts";
import type { Availability } from "./availability";
import type { CatalogRepository } from "./catalog";
import type { ChannelName } from "../domain/channel";
import type { FieldCipher } from "./crypto";
import type { Db } from "./database";
import { bookings, patientLinks, patients, slots } from "./schema";
import type { StaffOutboxRepository } from "./staff-outbox";

export interface PersonDetails {
  iin: string;
  fullName: string;
  phone: string;
  phoneConfirmed: boolean;
}

export interface BookingRequest {
  accountId: string;
  channel: ChannelName;
  relation: "self" | "other";
  representativeConfirmed: boolean;
  person: PersonDetails;
  serviceId: string;
  slotId: string;
  /** The policy version in force now: a consent to an older one no longer covers a new booking. */
  policyVersion: string;
}

export interface BookingView {
  id: string;
  number: string;
  serviceId: string;
  doctorId: string;
  startsAt: string;
  patientName: string;
}

export type BookingOutcome =
  | { ok: true; booking: BookingView }
  | { ok: false; reason: "slot_taken" | "slot_unavailable" | "no_consent" | "blocked" };

/** A booking as its owner's data copy shows it: every booking, past and cancelled ones too. */
export interface BookingRecord extends BookingView {
  patientId: string;
  status: "active" | "cancelled";
  createdAt: string;
  cancelledAt: string | null;
}

export type CancelOutcome = { ok: true; booking: BookingView } | { ok: false; reason: "not_found" | "already_cancelled" | "past" };

/** Bookings and the people they are for. Every write is one immediate transaction (facts.md). */
export class BookingRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly accounts: AccountRepository,
    private readonly catalog: CatalogRepository,
    private readonly availability: Availability,
    private readonly staffOutbox: StaffOutboxRepository,
  ) {}

  /**
   * Checks the slot again and writes the booking, the patient and the staff notice together. Immediate
   * transactions serialise competing writers, so of two patients racing for a slot exactly one wins and
   * the other gets a clean "slot taken" (deferred ones fail with SQLITE_BUSY_SNAPSHOT instead).
   */
  book(request: BookingRequest): BookingOutcome {
    try {
      return this.db.transaction(() => this.bookWithinTransaction(request), { behavior: "immediate" });
    } catch (error) {
      if (isActiveSlotConflict(error)) return { ok: false, reason: "slot_taken" };
      throw error;
    }
  }

  private bookWithinTransaction(request: BookingRequest): BookingOutcome {
    const consent = this.accounts.currentConsent(request.accountId, "processing");
    if (!consent?.granted || consent.policyVersion !== request.policyVersion) return { ok: false, reason: "no_consent" };
    if (this.accounts.blockOf(request.accountId)) return { ok: false, reason: "blocked" };
    const slot = this.catalog.slot(request.slotId);
    if (!slot || !this.availability.isBookable(slot) || !this.catalog.provides(slot.doctorId, request.serviceId)) {
      return { ok: false, reason: "slot_unavailable" };
    }
    const taken = this.db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.slotId, slot.id), eq(bookings.status, "active")))
      .get();
    if (taken) return { ok: false, reason: "slot_taken" };

    const patientId = this.findPatientIdByIin(request.person.iin) ?? this.createPatient(request.person.iin);
    const detailsChanged = this.linkedDetailsDiffer(request, patientId);
    this.linkPatient(request, patientId);
    // The account's other upcoming bookings for this person now show the new details: staff hear of it,
    // as they do after /edit.
    if (detailsChanged) {
      const now = this.clock.now().toISOString();
      const earlier = this.allFor(request.accountId).filter(
        (booking) => booking.patientId === patientId && booking.status === "active" && booking.startsAt >= now,
      );
      for (const booking of earlier) this.announceChange(request.accountId, booking, request.channel);
    }

    const id = this.ids.newId();
    const number = this.unusedBookingNumber();
    const now = this.clock.now().toISOString();
    this.db
      .insert(bookings)
      .values({
        id,
        number,
        slotId: slot.id,
        serviceId: request.serviceId,
        status: "active",
        ownerIndex: this.cipher.blindIndex("owner", request.accountId),
        accountCt: this.cipher.encrypt(bookingRef(id, "account_ct"), request.accountId),
        patientCt: this.cipher.encrypt(bookingRef(id, "patient_ct"), patientId),
        createdAt: now,
      })
      .run();
    const booking = { id, number, serviceId: request.serviceId, doctorId: slot.doctorId, startsAt: slot.startsAt, patientName: request.person.fullName };
    this.staffOutbox.enqueue({
      kind: "booked",
      ...pick(booking),
      phone: request.person.phone,
      maskedIin: maskIin(request.person.iin),
      channel: request.channel,
    });
    return { ok: true, booking };
  }

  /** Upcoming active bookings the account made, soonest first. */
  upcomingFor(accountId: string): BookingView[] {
    const now = this.clock.now().toISOString();
    return this.db
      .select({ booking: bookings, doctorId: slots.doctorId, startsAt: slots.startsAt })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(
        and(
          inArray(bookings.ownerIndex, this.cipher.blindIndexCandidates("owner", accountId)),
          eq(bookings.status, "active"),
          gte(slots.startsAt, now),
        ),
      )
      .orderBy(asc(slots.startsAt))
      .all()
      .filter((row) => this.ownerOf(row.booking) === accountId)
      .map((row) => this.toView(row.booking, row.doctorId, row.startsAt));
  }

  /** Every booking of the account, past, upcoming and cancelled, soonest last. */
  allFor(accountId: string): BookingRecord[] {
    return this.db
      .select({ booking: bookings, doctorId: slots.doctorId, startsAt: slots.startsAt })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(inArray(bookings.ownerIndex, this.cipher.blindIndexCandidates("owner", accountId)))
      .orderBy(asc(slots.startsAt))
      .all()
      .filter((row) => this.ownerOf(row.booking) === accountId)
      .map((row) => ({
        ...this.toView(row.booking, row.doctorId, row.startsAt),
        patientId: this.patientIdOf(row.booking),
        status: row.booking.status,
        createdAt: row.booking.createdAt,
        cancelledAt: row.booking.cancelledAt,
      }));
  }

  /** The person as this account entered them, with the IIN. */
  personFor(accountId: string, patientId: string): { iin: string; fullName: string; phone: string } {
    return this.readPerson(accountId, patientId);
  }

  /** Tells the staff group that an upcoming booking's person details changed. */
  announceChange(accountId: string, booking: BookingView & { patientId: string }, channel: ChannelName): void {
    const person = this.readPerson(accountId, booking.patientId);
    this.staffOutbox.enqueue({
      kind: "changed",
      ...pick({ ...booking, patientName: person.fullName }),
      phone: person.phone,
      maskedIin: maskIin(person.iin),
      channel,
    });
  }

  /** Staff notices not yet delivered about the account's bookings hold the person's details: gone with them. */
  dropPendingNoticesOf(accountId: string, patientId?: string): void {
    const numbers = this.allFor(accountId)
      .filter((booking) => patientId === undefined || booking.patientId === patientId)
      .map((booking) => booking.number);
    this.staffOutbox.dropAbout(numbers);
  }

  /** Points a booking at another patient (after the IIN was corrected). */
  repointPatient(bookingId: string, patientId: string): void {
    this.db
      .update(bookings)
      .set({ patientCt: this.cipher.encrypt(bookingRef(bookingId, "patient_ct"), patientId) })
      .where(eq(bookings.id, bookingId))
      .run();
  }

  /**
   * Cancels a booking if, and only if, it is the account's own, active and still ahead. When the
   * cancellation is part of an erasure, staff are told the time is free without who had it.
   */
  cancel(accountId: string, bookingId: string, channel: ChannelName, options: { erasure?: boolean } = {}): CancelOutcome {
    return this.db.transaction(
      () => {
        const row = this.db
          .select({ booking: bookings, doctorId: slots.doctorId, startsAt: slots.startsAt })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .where(eq(bookings.id, bookingId))
          .get();
        if (!row || this.ownerOf(row.booking) !== accountId) return { ok: false, reason: "not_found" } as const;
        if (row.booking.status !== "active") return { ok: false, reason: "already_cancelled" } as const;
        if (row.startsAt < this.clock.now().toISOString()) return { ok: false, reason: "past" } as const;
        this.db
          .update(bookings)
          .set({ status: "cancelled", cancelledAt: this.clock.now().toISOString(), cancelledBy: "patient" })
          .where(eq(bookings.id, bookingId))
          .run();
        const booking = this.toView(row.booking, row.doctorId, row.startsAt);
        if (options.erasure) {
          this.staffOutbox.dropAbout([booking.number]);
          this.staffOutbox.enqueue({ kind: "erased", ...pick(booking), patientName: "", phone: "", maskedIin: "", channel });
        } else {
          const patient = this.readPerson(accountId, this.patientIdOf(row.booking));
          this.staffOutbox.enqueue({ kind: "cancelled", ...pick(booking), phone: patient.phone, maskedIin: maskIin(patient.iin), channel });
        }
        return { ok: true, booking } as const;
      },
      { behavior: "immediate" },
    );
  }

  createPatient(iin: string): string {
    const id = this.ids.newId();
    this.db
      .insert(patients)
      .values({
        id,
        iinIndex: this.cipher.truncatedIndex("iin", iin),
        iinCt: this.cipher.encrypt(patientRef(id, "iin_ct"), iin),
        createdAt: this.clock.now().toISOString(),
      })
      .run();
    return id;
  }

  /**
   * The patient with this IIN, if any. The truncated index narrows the search to a few rows whose
   * IINs are decrypted and compared; nothing else is decrypted.
   */
  findPatientIdByIin(iin: string): string | undefined {
    const candidates = this.db
      .select({ id: patients.id, iinCt: patients.iinCt })
      .from(patients)
      .where(inArray(patients.iinIndex, this.cipher.truncatedIndexCandidates("iin", iin)))
      .all();
    return candidates.find((row) => this.cipher.decrypt(patientRef(row.id, "iin_ct"), row.iinCt) === iin)?.id;
  }

  /** Whether the account already knows this person under another name or phone. */
  private linkedDetailsDiffer(request: BookingRequest, patientId: string): boolean {
    const linked = this.db
      .select({ accountId: patientLinks.accountId })
      .from(patientLinks)
      .where(and(eq(patientLinks.accountId, request.accountId), eq(patientLinks.patientId, patientId)))
      .get();
    if (!linked) return false;
    const known = this.readPerson(request.accountId, patientId);
    return known.fullName !== request.person.fullName || known.phone !== request.person.phone;
  }

  private linkPatient(request: BookingRequest, patientId: string): void {
    const values = {
      relation: request.relation,
      representativeConfirmed: request.representativeConfirmed,
      fullNameCt: this.cipher.encrypt(linkFieldRef(request.accountId, patientId, "full_name_ct"), request.person.fullName),
      phoneCt: this.cipher.encrypt(linkFieldRef(request.accountId, patientId, "phone_ct"), request.person.phone),
      phoneConfirmed: request.person.phoneConfirmed,
      updatedAt: this.clock.now().toISOString(),
    };
    this.db
      .insert(patientLinks)
      .values({ accountId: request.accountId, patientId, createdAt: this.clock.now().toISOString(), ...values })
      .onConflictDoUpdate({ target: [patientLinks.accountId, patientLinks.patientId], set: values })
      .run();
  }

  private unusedBookingNumber(): string {
    for (;;) {
      const number = this.ids.bookingNumber();
      if (!this.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.number, number)).get()) return number;
    }
  }

  /** The person a booking is for, as the account that booked knows them. */
  private readPerson(accountId: string, patientId: string): { iin: string; fullName: string; phone: string } {
    const row = this.db
      .select({ link: patientLinks, iinCt: patients.iinCt })
      .from(patientLinks)
      .innerJoin(patients, eq(patients.id, patientLinks.patientId))
      .where(and(eq(patientLinks.accountId, accountId), eq(patientLinks.patientId, patientId)))
      .get();
    if (!row) throw new Error(`a booking refers to patient ${patientId}, who is not linked to its account`);
    return {
      iin: this.cipher.decrypt(patientRef(patientId, "iin_ct"), row.iinCt),
      fullName: this.cipher.decrypt(linkFieldRef(accountId, patientId, "full_name_ct"), row.link.fullNameCt),
      phone: this.cipher.decrypt(linkFieldRef(accountId, patientId, "phone_ct"), row.link.phoneCt),
    };
  }

  private ownerOf(row: typeof bookings.$inferSelect): string {
    return this.cipher.decrypt(bookingRef(row.id, "account_ct"), row.accountCt);
  }

  private patientIdOf(row: typeof bookings.$inferSelect): string {
    return this.cipher.decrypt(bookingRef(row.id, "patient_ct"), row.patientCt);
  }

  private toView(row: typeof bookings.$inferSelect, doctorId: string, startsAt: string): BookingView {
    return {
      id: row.id,
      number: row.number,
      serviceId: row.serviceId,
      doctorId,
      startsAt,
      patientName: this.readPerson(this.ownerOf(row), this.patientIdOf(row)).fullName,
    };
  }
}

function pick(booking: BookingView) {
  const { number, serviceId, doctorId, startsAt, patientName } = booking;
  return { number, serviceId, doctorId, startsAt, patientName };
}

function patientRef(rowId: string, column: string) {
  return { table: "patients", column, rowId };
}

/** Where a field of an account's link to a patient is encrypted: the link's two ids are its row. */
export function linkFieldRef(accountId: string, patientId: string, column: "full_name_ct" | "phone_ct") {
  return { table: "patient_links", column, rowId: `${accountId}/${patientId}` };
}

function bookingRef(rowId: string, column: string) {
  return { table: "bookings", column, rowId };
}

function isActiveSlotConflict(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE" && error.message.includes("bookings.slot_id");
}
