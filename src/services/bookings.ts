import type { Clock } from "../clock";
import type { ChannelName } from "../domain/channel";
import type { Repositories, Store } from "../store";
import type { BookingView } from "../store/bookings";
import type { PersonDetails } from "../store/patients";
import { noticeAbout } from "./staff-notices";

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
  /** The dialogue draft's random key: the same draft confirmed twice is one booking. */
  draftKey: string;
}

/**
 * `repeated`: this draft was already booked (the "booked" reply was lost to a restart, and the person
 * pressed Confirm again); the booking returned is that one, and nothing new was written.
 * `draft_cancelled`: this draft's booking exists but was cancelled since.
 */
export type BookingOutcome =
  | { ok: true; booking: BookingView; repeated: boolean }
  | { ok: false; reason: "slot_taken" | "slot_unavailable" | "no_consent" | "blocked" | "draft_cancelled" };

export type CancelOutcome = { ok: true; booking: BookingView } | { ok: false; reason: "not_found" | "already_cancelled" | "past" };

/** Booking a slot and cancelling it, each with its staff notice in the same transaction. */
export class BookingService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks consent, block and slot again and writes the patient, the link, the booking and the staff
   * notice together. Immediate transactions serialise competing writers, so of two patients racing for
   * a slot exactly one wins and the other gets a clean "slot taken" (deferred ones fail with
   * SQLITE_BUSY_SNAPSHOT instead).
   */
  book(request: BookingRequest): BookingOutcome {
    try {
      return this.store.transaction((tx) => this.bookIn(tx, request));
    } catch (error) {
      if (isActiveSlotConflict(error)) return { ok: false, reason: "slot_taken" };
      throw error;
    }
  }

  /**
   * Cancels a booking if, and only if, it is the account's own, active and still ahead; staff are told
   * who no longer comes.
   */
  cancel(accountId: string, bookingId: string, channel: ChannelName): CancelOutcome {
    return this.store.transaction((tx): CancelOutcome => {
      const booking = tx.bookings.findOwnedBy(accountId, bookingId);
      if (!booking) return { ok: false, reason: "not_found" };
      if (booking.status !== "active") return { ok: false, reason: "already_cancelled" };
      if (booking.startsAt < this.now()) return { ok: false, reason: "past" };
      tx.bookings.markCancelled(bookingId, "patient");
      tx.staffOutbox.enqueue(noticeAbout("cancelled", booking, tx.patients.personFor(accountId, booking.patientId), channel));
      const { patientId: _patient, status: _status, createdAt: _created, cancelledAt: _cancelled, ...view } = booking;
      return { ok: true, booking: view };
    });
  }

  private bookIn(tx: Repositories, request: BookingRequest): BookingOutcome {
    const earlier = tx.bookings.findByDraftKey(request.accountId, request.draftKey);
    if (earlier) {
      if (earlier.status !== "active") return { ok: false, reason: "draft_cancelled" };
      const { patientId: _patient, status: _status, createdAt: _created, cancelledAt: _cancelled, ...booking } = earlier;
      return { ok: true, booking, repeated: true };
    }
    const consent = tx.accounts.currentConsent(request.accountId, "processing");
    if (!consent?.granted || consent.policyVersion !== request.policyVersion) return { ok: false, reason: "no_consent" };
    if (tx.accounts.blockOf(request.accountId)) return { ok: false, reason: "blocked" };
    const slot = tx.catalog.slot(request.slotId);
    if (!slot || !tx.availability.isBookable(slot) || !tx.catalog.provides(slot.doctorId, request.serviceId)) {
      return { ok: false, reason: "slot_unavailable" };
    }
    if (tx.bookings.isSlotTaken(slot.id)) return { ok: false, reason: "slot_taken" };

    // Looked up and created inside the write lock: the IIN's truncated index cannot be UNIQUE.
    const patientId = tx.patients.findIdByIin(request.person.iin) ?? tx.patients.create(request.person.iin);
    const known = tx.patients.isLinked(request.accountId, patientId) ? tx.patients.personFor(request.accountId, patientId) : undefined;
    tx.patients.link(request.accountId, patientId, request);
    // The account's other upcoming bookings for this person now show the new details: staff hear of it,
    // as they do after /edit.
    if (known && (known.fullName !== request.person.fullName || known.phone !== request.person.phone)) {
      const now = this.now();
      const earlier = tx.bookings
        .allFor(request.accountId)
        .filter((booking) => booking.patientId === patientId && booking.status === "active" && booking.startsAt >= now);
      for (const booking of earlier) tx.staffOutbox.enqueue(noticeAbout("changed", booking, request.person, request.channel));
    }

    const { id, number } = tx.bookings.insert({ accountId: request.accountId, patientId, slotId: slot.id, serviceId: request.serviceId, draftKey: request.draftKey });
    const booking = { id, number, serviceId: request.serviceId, doctorId: slot.doctorId, startsAt: slot.startsAt, patientName: request.person.fullName };
    tx.staffOutbox.enqueue(noticeAbout("booked", booking, request.person, request.channel));
    return { ok: true, booking, repeated: false };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function isActiveSlotConflict(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE" && error.message.includes("bookings.slot_id");
}
