import type { Clock } from "../clock";
import { holdsSlot, isOpen, isRebookable, isTooLateToChange } from "../domain/booking-status";
import type { ChannelName } from "../domain/channel";
import { checkFairUse, type BookingLimits, type FairUse, type LimitName } from "../domain/fair-use";
import { planReminders } from "../domain/reminders";
import type { Repositories, Store } from "../store";
import { viewOf, type BookingRecord, type BookingView } from "../store/bookings";
import type { LinkedPerson, PersonDetails } from "../store/patients";
import { changedNotice, movedNotice, noticeAbout } from "./staff-notices";

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

/** `too_late`: the appointment is closer than CHANGE_CUTOFF_HOURS; the clinic's phone is the way now. */
export type CancelOutcome = { ok: true; booking: BookingView } | { ok: false; reason: "not_found" | "already_cancelled" | "past" | "too_late" };

export interface MoveRequest {
  accountId: string;
  bookingId: string;
  slotId: string;
  channel: ChannelName;
}

/**
 * `moved`: the booking as it is now, and the time it had before. `slot_taken`: someone took the new time
 * first, and nothing changed. `overlap`: the person holds another booking at the new time.
 */
export type MoveOutcome =
  | { ok: true; booking: BookingView; from: string; rebooked: boolean }
  | { ok: false; reason: "not_found" | "already_cancelled" | "past" | "too_late" | "blocked" | "slot_taken" | "slot_unavailable" | "same_slot" }
  | FairUseRefusal;

/**
 * A booking its owner may move now: an open one far enough ahead, or one the clinic cancelled for its own
 * reasons (`rebooking`: the family chooses a new time instead).
 */
export type Movable = { ok: true; booking: BookingView; rebooking: boolean } | { ok: false; reason: "not_found" | "too_late" | "blocked" };

/** Booking a slot and cancelling it, each with its staff notice in the same transaction. */
export class BookingService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly limits: BookingLimits,
    private readonly reminderPlan: ReminderPlan,
    /** CHANGE_CUTOFF_HOURS: closer to the appointment than this, a patient calls the clinic instead. */
    private readonly changeCutoffHours: number,
  ) {}

  /**
   * The fair-use rule for a booking not yet made, so the dialogue can explain a refusal before the
   * summary; `book` checks it again inside its transaction. An unknown slot passes: `book` refuses it.
   * It only reads, and what it reads may change before the person confirms anyway, so it reads one
   * snapshot without the write lock (it used to take one: a tenth of the summary's work, issue 14).
   */
  fairUse(question: FairUseQuestion): FairUseRefusal | undefined {
    return this.store.reading((tx) => {
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
      if (this.tooLateToChange(booking.startsAt)) return { ok: false, reason: "too_late" };
      tx.bookings.markCancelled(bookingId, "patient");
      tx.staffOutbox.enqueue(noticeAbout("cancelled", booking, tx.patients.personFor(accountId, booking.patientId), channel));
      return { ok: true, booking: viewOf(booking) };
    });
  }

  /** Whether the patient may still move or cancel a booking that starts then, or must call the clinic. */
  tooLateToChange(startsAt: string): boolean {
    return isTooLateToChange(startsAt, this.clock.now(), this.changeCutoffHours);
  }

  /** Whether the account may move this booking now, and whether that gives a clinic-cancelled booking a new time. */
  movable(accountId: string, bookingId: string): Movable {
    return this.store.transaction((tx): Movable => {
      const booking = tx.bookings.findOwnedBy(accountId, bookingId);
      if (tx.accounts.blockOf(accountId)) return { ok: false, reason: "blocked" };
      if (!booking) return { ok: false, reason: "not_found" };
      const rule = this.moveRuleFor(booking);
      if ("reason" in rule) return { ok: false, reason: rule.reason === "too_late" ? "too_late" : "not_found" };
      return { ok: true, booking: viewOf(booking), rebooking: rule.rebooking };
    });
  }

  /**
   * Moves the account's own booking to another free slot of the same service, in one immediate
   * transaction: the new slot is taken and the old one freed together, or nothing changes. The booking
   * keeps its number and person; its reminders follow the new time; staff get one "moved" notice. A
   * booking the clinic cancelled for its own reasons (an absence) is given the new time the same way.
   */
  move(request: MoveRequest): MoveOutcome {
    try {
      return this.store.transaction((tx) => this.moveIn(tx, request));
    } catch (error) {
      if (isActiveSlotConflict(error)) return { ok: false, reason: "slot_taken" };
      throw error;
    }
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
      const repeated = booking.status === "confirmed";
      tx.bookings.markConfirmed(bookingId);
      // The card in the staff group shows the booking as confirmed: the day's list and reception rely on it.
      if (!repeated) tx.staffOutbox.enqueue({ kind: "card_refresh", number: booking.number });
      return { ok: true, booking: viewOf(booking), repeated };
    });
  }

  /** `book` inside a transaction the caller holds (taking a waiting-list offer marks the offer in it too). */
  bookIn(tx: Repositories, request: BookingRequest): BookingOutcome {
    const earlier = tx.bookings.findByDraftKey(request.accountId, request.draftKey);
    if (earlier) {
      if (!holdsSlot(earlier.status)) return { ok: false, reason: "draft_cancelled" };
      return { ok: true, booking: viewOf(earlier), repeated: true };
    }
    const refused = admissionRefusal(tx, request.accountId, request.policyVersion);
    if (refused) return { ok: false, reason: refused };
    const slot = tx.catalog.slot(request.slotId);
    if (!slot || !tx.availability.isBookable(slot) || !tx.catalog.provides(slot.doctorId, request.serviceId)) {
      return { ok: false, reason: "slot_unavailable" };
    }
    // A course is booked whole (CourseService), never one lone session of it.
    const service = tx.catalog.service(request.serviceId);
    if (service?.course) return { ok: false, reason: "slot_unavailable" };
    const capacity = service?.capacity ?? 1;
    if (!tx.bookings.hasPlaceFor(slot.id, request.serviceId, capacity)) return { ok: false, reason: "slot_taken" };
    // A slot held for someone on the waiting list is theirs until the hold ends.
    const hold = tx.waitlist.holdOn(slot.id);
    if (hold && hold.id !== request.offerId) return { ok: false, reason: "slot_taken" };

    // Looked up and created inside the write lock: the IIN's truncated index cannot be UNIQUE. The
    // same lock makes the fair-use count exact when two devices of one account confirm at once.
    const existingPatientId = tx.patients.findIdByIin(request.person.iin);
    const refusal = this.fairUseIn(tx, request.accountId, existingPatientId, request.serviceId, slot);
    if (refusal) return refusal;
    const { patientId, known } = savePersonIn(tx, request, existingPatientId, this.now());

    const { id, number } = tx.bookings.insert({ accountId: request.accountId, patientId, slotId: slot.id, serviceId: request.serviceId, draftKey: request.draftKey, seat: tx.bookings.freeSeat(slot.id, capacity) });
    const booking = { id, number, serviceId: request.serviceId, doctorId: slot.doctorId, startsAt: slot.startsAt, patientName: request.person.fullName };
    tx.reminders.plan(id, planReminders(slot.startsAt, this.reminderPlan.offsetsHours, this.clock.now(), this.reminderPlan.timeZone));
    const claimedElsewhere =
      (known?.relation ?? request.relation) === "self" &&
      tx.patients.linksOf(patientId).some((link) => link.accountId !== request.accountId && link.relation === "self");
    tx.staffOutbox.enqueue({ ...noticeAbout("booked", booking, request.person, request.channel), ...(claimedElsewhere ? { iinClaimedElsewhere: true } : {}) });
    return { ok: true, booking, repeated: false };
  }

  private moveIn(tx: Repositories, { accountId, bookingId, slotId, channel }: MoveRequest): MoveOutcome {
    const booking = tx.bookings.findOwnedBy(accountId, bookingId);
    if (!booking) return { ok: false, reason: "not_found" };
    const rule = this.moveRuleFor(booking);
    if ("reason" in rule) return { ok: false, reason: rule.reason };
    const { rebooking } = rule;
    if (tx.accounts.blockOf(accountId)) return { ok: false, reason: "blocked" };
    const slot = tx.catalog.slot(slotId);
    if (!slot || !tx.availability.isBookable(slot) || !tx.catalog.provides(slot.doctorId, booking.serviceId)) return { ok: false, reason: "slot_unavailable" };
    // A booking the clinic cancelled may be given back its own old time, when it is free again.
    if (!rebooking && slot.id === tx.bookings.slotOf(bookingId)) return { ok: false, reason: "same_slot" };
    const capacity = capacityOf(tx, booking.serviceId);
    if (!tx.bookings.hasPlaceFor(slot.id, booking.serviceId, capacity)) return { ok: false, reason: "slot_taken" };
    // A time held for someone on the waiting list is theirs until the hold ends, for a move as for a booking.
    if (tx.waitlist.holdOn(slot.id)) return { ok: false, reason: "slot_taken" };
    // The booking being moved no longer counts: only the person's other bookings can overlap the new time.
    const others = tx.bookings.upcomingHeldBy(accountId).filter((held) => held.id !== bookingId);
    // A booking given back its place counts again towards the limits, as a new one would.
    const verdict = checkFairUse(others, { patientId: booking.patientId, serviceId: booking.serviceId, startsAt: slot.startsAt, endsAt: slot.endsAt, ...(booking.course ? { courseId: booking.course.id } : {}) }, this.limits);
    const refused = fairUseRefusal(tx, accountId, verdict);
    if (refused) return refused;

    tx.bookings.moveTo(bookingId, slot.id, tx.bookings.freeSeat(slot.id, capacity));
    tx.reminders.plan(bookingId, planReminders(slot.startsAt, this.reminderPlan.offsetsHours, this.clock.now(), this.reminderPlan.timeZone));
    const moved = { ...viewOf(booking), doctorId: slot.doctorId, startsAt: slot.startsAt };
    tx.staffOutbox.enqueue(movedNotice(rebooking ? "rebooked" : "moved", moved, booking, tx.patients.personFor(accountId, booking.patientId), channel));
    if (rebooking && booking.cancelReason === "specialist_absent") this.countRebookedAfterAbsence(tx, booking);
    return { ok: true, booking: moved, from: booking.startsAt, rebooked: rebooking };
  }

  /**
   * Whether the patient may move this booking now, as `movable` asks and `move` checks again: an open one
   * still far enough ahead, or one the clinic cancelled for its own reasons (`rebooking`).
   */
  private moveRuleFor(booking: BookingRecord): { rebooking: boolean } | { reason: "already_cancelled" | "past" | "too_late" } {
    if (isRebookable(booking, this.clock.now())) return { rebooking: true };
    if (!isOpen(booking.status)) return { reason: "already_cancelled" };
    if (booking.startsAt < this.now()) return { reason: "past" };
    if (this.tooLateToChange(booking.startsAt)) return { reason: "too_late" };
    return { rebooking: false };
  }

  /** The absence's summary in the staff group counts the families who chose a new time. */
  private countRebookedAfterAbsence(tx: Repositories, booking: { doctorId: string; startsAt: string }): void {
    const absenceId = tx.absences.covering(booking.doctorId, booking.startsAt);
    if (absenceId === undefined) return;
    tx.absences.countRebooked(absenceId);
    tx.staffOutbox.enqueue({ kind: "absence_progress", absenceId });
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
    return fairUseRefusal(tx, accountId, checkFairUse(held, { patientId: known, serviceId, startsAt: slot.startsAt, endsAt: slot.endsAt }, this.limits));
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
    for (const booking of earlier) tx.staffOutbox.enqueue(changedNotice(booking, known, request.person, request.channel));
  }
  return { patientId, known };
}

/** A fair-use verdict as the dialogue explains it: the account's booking in the way, or the limit reached. */
export function fairUseRefusal(tx: Repositories, accountId: string, verdict: FairUse): FairUseRefusal | undefined {
  if (verdict.ok) return undefined;
  if (verdict.reason === "limit") return verdict;
  return { ok: false, reason: "overlap", existing: viewOf(tx.bookings.findOwnedBy(accountId, verdict.bookingId)!) };
}

/** Whether the account may book at all now: it consented to the policy in force, and nothing blocks it. */
export function admissionRefusal(tx: Repositories, accountId: string, policyVersion: string): "no_consent" | "blocked" | undefined {
  const consent = tx.accounts.currentConsent(accountId, "processing");
  if (!consent?.granted || consent.policyVersion !== policyVersion) return "no_consent";
  if (tx.accounts.blockOf(accountId)) return "blocked";
  return undefined;
}

/** Patients one slot of the service holds: 1, or a group's capacity. */
export function capacityOf(tx: Repositories, serviceId: string): number {
  return tx.catalog.service(serviceId)?.capacity ?? 1;
}

export function isActiveSlotConflict(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE" && error.message.includes("bookings.slot_id");
}
