import type { Clock } from "../clock";
import { holdsSlot, isOpen } from "../domain/booking-status";
import type { ChannelName } from "../domain/channel";
import { checkFairUse, type BookingLimits, type LimitName } from "../domain/fair-use";
import { planReminders } from "../domain/reminders";
import type { Repositories, Store } from "../store";
import { viewOf, type BookingView } from "../store/bookings";
import type { LinkedPerson, PersonDetails } from "../store/patients";
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
  /** The waiting-list offer this booking takes: the one booking allowed on the slot it holds. */
  offerId?: string;
}

/** Who the person is and who they are to the booker: what a booking and a waiting-list entry both save. */
export type PersonRequest = Pick<BookingRequest, "accountId" | "channel" | "relation" | "representativeConfirmed" | "person">;

/**
 * `repeated`: this draft was already booked (the "booked" reply was lost to a restart, and the person
 * pressed Confirm again); the booking returned is that one, and nothing new was written.
 * `draft_cancelled`: this draft's booking exists but was cancelled since.
 */
export type BookingOutcome =
  | { ok: true; booking: BookingView; repeated: boolean }
  | { ok: false; reason: "slot_taken" | "slot_unavailable" | "no_consent" | "blocked" | "draft_cancelled" }
  | FairUseRefusal;

/**
 * `overlap`: the person already holds `existing` at a time that overlaps the slot. `limit`: the account
 * already holds `max` upcoming bookings of that kind (the fund's limits, in the configuration).
 */
export type FairUseRefusal = { ok: false; reason: "overlap"; existing: BookingView } | { ok: false; reason: "limit"; limit: LimitName; max: number };

/** What the dialogue asks before the summary: would this booking be refused under fair use? */
export interface FairUseQuestion {
  accountId: string;
  iin: string;
  serviceId: string;
  slotId: string;
}

export type ConfirmOutcome = { ok: true; booking: BookingView; repeated: boolean } | { ok: false; reason: "not_found" | "already_cancelled" | "past" };

/** When reminders go out (REMINDER_OFFSETS_HOURS), and the zone whose night they keep out of. */
export interface ReminderPlan {
  offsetsHours: readonly number[];
  timeZone: string;
}

export type CancelOutcome = { ok: true; booking: BookingView } | { ok: false; reason: "not_found" | "already_cancelled" | "past" };

/** Booking a slot and cancelling it, each with its staff notice in the same transaction. */
export class BookingService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly limits: BookingLimits,
    private readonly reminderPlan: ReminderPlan,
  ) {}

  /**
   * The fair-use rule for a booking not yet made, so the dialogue can explain a refusal before the
   * summary; `book` checks it again inside its transaction. An unknown slot passes: `book` refuses it.
   */
  fairUse(question: FairUseQuestion): FairUseRefusal | undefined {
    return this.store.transaction((tx) => {
      const slot = tx.catalog.slot(question.slotId);
      if (!slot) return undefined;
      return this.fairUseIn(tx, question.accountId, tx.patients.findIdByIin(question.iin), question.serviceId, slot);
    });
  }

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
      if (!isOpen(booking.status)) return { ok: false, reason: "already_cancelled" };
      if (booking.startsAt < this.now()) return { ok: false, reason: "past" };
      tx.bookings.markCancelled(bookingId, "patient");
      tx.staffOutbox.enqueue(noticeAbout("cancelled", booking, tx.patients.personFor(accountId, booking.patientId), channel));
      return { ok: true, booking: viewOf(booking) };
    });
  }

  /** Plans the reminders of bookings made before reminders existed; returns how many bookings got some. */
  planMissingReminders(): number {
    return this.store.transaction((tx) => {
      let planned = 0;
      for (const { bookingId, startsAt } of tx.reminders.unplannedUpcoming(this.clock.now())) {
        const reminders = planReminders(startsAt, this.reminderPlan.offsetsHours, this.clock.now(), this.reminderPlan.timeZone);
        tx.reminders.plan(bookingId, reminders);
        if (reminders.length > 0) planned += 1;
      }
      return planned;
    });
  }

  /** "I'll come" under a reminder: the account's own booking, still ahead, is recorded as confirmed. */
  confirm(accountId: string, bookingId: string): ConfirmOutcome {
    return this.store.transaction((tx): ConfirmOutcome => {
      const booking = tx.bookings.findOwnedBy(accountId, bookingId);
      if (!booking) return { ok: false, reason: "not_found" };
      if (!isOpen(booking.status)) return { ok: false, reason: "already_cancelled" };
      if (booking.startsAt < this.now()) return { ok: false, reason: "past" };
      tx.bookings.markConfirmed(bookingId);
      return { ok: true, booking: viewOf(booking), repeated: booking.status === "confirmed" };
    });
  }

  /** `book` inside a transaction the caller holds (taking a waiting-list offer marks the offer in it too). */
  bookIn(tx: Repositories, request: BookingRequest): BookingOutcome {
    const earlier = tx.bookings.findByDraftKey(request.accountId, request.draftKey);
    if (earlier) {
      if (!holdsSlot(earlier.status)) return { ok: false, reason: "draft_cancelled" };
      return { ok: true, booking: viewOf(earlier), repeated: true };
    }
    const consent = tx.accounts.currentConsent(request.accountId, "processing");
    if (!consent?.granted || consent.policyVersion !== request.policyVersion) return { ok: false, reason: "no_consent" };
    if (tx.accounts.blockOf(request.accountId)) return { ok: false, reason: "blocked" };
    const slot = tx.catalog.slot(request.slotId);
    if (!slot || !tx.availability.isBookable(slot) || !tx.catalog.provides(slot.doctorId, request.serviceId)) {
      return { ok: false, reason: "slot_unavailable" };
    }
    if (tx.bookings.isSlotTaken(slot.id)) return { ok: false, reason: "slot_taken" };
    // A slot held for someone on the waiting list is theirs until the hold ends.
    const hold = tx.waitlist.holdOn(slot.id);
    if (hold && hold.id !== request.offerId) return { ok: false, reason: "slot_taken" };

    // Looked up and created inside the write lock: the IIN's truncated index cannot be UNIQUE. The
    // same lock makes the fair-use count exact when two devices of one account confirm at once.
    const existingPatientId = tx.patients.findIdByIin(request.person.iin);
    const refusal = this.fairUseIn(tx, request.accountId, existingPatientId, request.serviceId, slot);
    if (refusal) return refusal;
    const { patientId, known } = savePersonIn(tx, request, existingPatientId, this.now());

    const { id, number } = tx.bookings.insert({ accountId: request.accountId, patientId, slotId: slot.id, serviceId: request.serviceId, draftKey: request.draftKey });
    const booking = { id, number, serviceId: request.serviceId, doctorId: slot.doctorId, startsAt: slot.startsAt, patientName: request.person.fullName };
    tx.reminders.plan(id, planReminders(slot.startsAt, this.reminderPlan.offsetsHours, this.clock.now(), this.reminderPlan.timeZone));
    const claimedElsewhere =
      (known?.relation ?? request.relation) === "self" &&
      tx.patients.linksOf(patientId).some((link) => link.accountId !== request.accountId && link.relation === "self");
    tx.staffOutbox.enqueue({ ...noticeAbout("booked", booking, request.person, request.channel), ...(claimedElsewhere ? { iinClaimedElsewhere: true } : {}) });
    return { ok: true, booking, repeated: false };
  }

  private fairUseIn(
    tx: Repositories,
    accountId: string,
    patientId: string | undefined,
    serviceId: string,
    slot: { startsAt: string; endsAt: string },
  ): FairUseRefusal | undefined {
    const held = tx.bookings.upcomingHeldBy(accountId);
    const known = patientId !== undefined && tx.patients.isLinked(accountId, patientId) ? patientId : undefined;
    const verdict = checkFairUse(held, { patientId: known, serviceId, startsAt: slot.startsAt, endsAt: slot.endsAt }, this.limits);
    if (verdict.ok) return undefined;
    if (verdict.reason === "limit") return verdict;
    return { ok: false, reason: "overlap", existing: viewOf(tx.bookings.findOwnedBy(accountId, verdict.bookingId)!) };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/**
 * Writes the person (found by IIN inside the caller's write lock, or created) and the account's link to
 * them, as a booking does; a waiting-list entry saves them the same way.
 */
export function savePersonIn(
  tx: Repositories,
  request: PersonRequest,
  existingPatientId: string | undefined,
  now: string,
): { patientId: string; known: LinkedPerson | undefined } {
  const patientId = existingPatientId ?? tx.patients.create(request.person.iin);
  const known = tx.patients.linkedPersonFor(request.accountId, patientId);
  // Who a saved person is to the booker never flips on a booking ("myself" stays "myself"), and a
  // representative's confirmation once given stays: only /edit changes what the account saved.
  tx.patients.link(request.accountId, patientId, {
    relation: known?.relation ?? request.relation,
    representativeConfirmed: request.representativeConfirmed || known?.representativeConfirmed === true,
    person: request.person,
  });
  // The account's other upcoming bookings for this person now show the new details: staff hear of it,
  // as they do after /edit.
  if (known && (known.fullName !== request.person.fullName || known.phone !== request.person.phone)) {
    const earlier = tx.bookings
      .allFor(request.accountId)
      .filter((booking) => booking.patientId === patientId && isOpen(booking.status) && booking.startsAt >= now);
    for (const booking of earlier) tx.staffOutbox.enqueue(noticeAbout("changed", booking, request.person, request.channel));
  }
  return { patientId, known };
}

export function isActiveSlotConflict(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE" && error.message.includes("bookings.slot_id");
}
