import type { Clock } from "../clock";
import { holdsSlot } from "../domain/booking-status";
import { mayStartOn } from "../domain/courses";
import { addDays, localDateOf } from "../domain/slots";
import type { WaitlistRange } from "../domain/waitlist";
import type { Repositories, Store } from "../store";
import { BOOKING_LEAD_MINUTES } from "../store/availability";
import { viewOf, type BookingView } from "../store/bookings";
import type { WaitlistEntry } from "../store/waitlist";
import { capacityOf, isActiveSlotConflict, savePersonIn, type BookingOutcome, type BookingService, type PersonRequest } from "./bookings";
import type { CourseService } from "./courses";

export interface JoinRequest extends PersonRequest {
  serviceId: string;
  /** Null: any specialist of the service. */
  doctorId: string | null;
  /** From today, how many days the person waits (today included). */
  days: WaitlistRange;
  /** The policy version in force now, as for a booking. */
  policyVersion: string;
}

export type JoinOutcome =
  | { ok: true; entryId: string; untilDay: string }
  | { ok: false; reason: "no_consent" | "blocked" | "unavailable" | "already_waiting" };

/** `passed`: the hold ran out, or the person said no, and the slot went on to the next person. */
/** `sessions`: the offer began a course, booked whole from the offered time. */
export type TakeOutcome = (BookingOutcome & { sessions?: BookingView[] }) | { ok: false; reason: "not_found" | "passed" };

export type LeaveOutcome = { ok: true; entry: WaitlistEntry } | { ok: false; reason: "not_found" | "not_waiting" };

/** What one run of the waiting-list job did. */
export interface WaitlistRun {
  offered: number;
  lapsed: number;
  expiredEntries: number;
}

const QUEUE_BATCH = 200;

/**
 * The waiting list (issue 10): joining it, the offers of freed slots to the first person whose wish a
 * slot fits, one person at a time, and taking an offer, which books through every check of a booking.
 */
export class WaitlistService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timeZone: string,
    /** How long an offer holds its slot for the person (WAITLIST_HOLD_MINUTES). */
    readonly holdMinutes: number,
    private readonly bookings: BookingService,
    private readonly courses: CourseService,
  ) {}

  /**
   * Puts the person on the waiting list for the service (and specialist) from today for `days` days.
   * Consent and block are checked as for a booking, and the person and link are saved as a booking
   * saves them. One person waits once per service.
   */
  join(request: JoinRequest): JoinOutcome {
    return this.store.transaction((tx): JoinOutcome => {
      const consent = tx.accounts.currentConsent(request.accountId, "processing");
      if (!consent?.granted || consent.policyVersion !== request.policyVersion) return { ok: false, reason: "no_consent" };
      if (tx.accounts.blockOf(request.accountId)) return { ok: false, reason: "blocked" };
      if (!tx.catalog.service(request.serviceId)) return { ok: false, reason: "unavailable" };
      if (request.doctorId !== null && !tx.catalog.provides(request.doctorId, request.serviceId)) return { ok: false, reason: "unavailable" };
      const existingPatientId = tx.patients.findIdByIin(request.person.iin);
      if (
        existingPatientId !== undefined &&
        tx.waitlist.waitingOf(request.accountId).some((entry) => entry.patientId === existingPatientId && entry.serviceId === request.serviceId)
      ) {
        return { ok: false, reason: "already_waiting" };
      }
      const { patientId } = savePersonIn(tx, request, existingPatientId, this.clock.now().toISOString());
      const fromDay = localDateOf(this.clock.now(), this.timeZone);
      const untilDay = addDays(fromDay, request.days - 1);
      const entryId = tx.waitlist.insert({ accountId: request.accountId, patientId, serviceId: request.serviceId, doctorId: request.doctorId, fromDay, untilDay });
      return { ok: true, entryId, untilDay };
    });
  }

  /**
   * "Take it": books the offered slot for the person waiting, with every check of a booking, in one
   * immediate transaction with marking the offer taken and the entry booked. The offer's id is the
   * booking's draft key, so a second press (another device, a lost reply) finds the one booking; a press
   * after the hold passed to someone else books nothing. A refused take passes the slot on.
   */
  take(accountId: string, offerId: string, policyVersion: string): TakeOutcome {
    try {
      return this.store.transaction((tx) => this.takeIn(tx, accountId, offerId, policyVersion));
    } catch (error) {
      if (isActiveSlotConflict(error)) return { ok: false, reason: "slot_taken" };
      throw error;
    }
  }

  /** "No, thanks": the offer is declined and the slot goes to the next person waiting for it. */
  decline(accountId: string, offerId: string): { ok: boolean } {
    return this.store.transaction((tx) => {
      const offer = tx.waitlist.offer(offerId);
      if (!offer || !tx.waitlist.findOwned(accountId, offer.entryId)) return { ok: false };
      if (!tx.waitlist.closeOffer(offerId, "declined")) return { ok: false };
      tx.waitlist.slotFreed(offer.slotId);
      return { ok: true };
    });
  }

  /** Leaves the waiting list; a slot offered to the entry meanwhile goes on to the next person. */
  leave(accountId: string, entryId: string): LeaveOutcome {
    return this.store.transaction((tx): LeaveOutcome => {
      const entry = tx.waitlist.findOwned(accountId, entryId);
      if (!entry) return { ok: false, reason: "not_found" };
      if (!tx.waitlist.end(entryId, "left")) return { ok: false, reason: "not_waiting" };
      return { ok: true, entry };
    });
  }

  /**
   * The job: holds that ran out pass their slot on, entries past their range expire, and each freed slot
   * is offered to the first person waiting whom it fits (in the transaction that writes the offer's
   * notice to the outbox).
   */
  run(): WaitlistRun {
    const { lapsed, expiredEntries } = this.store.transaction((tx) => ({
      lapsed: tx.waitlist.expireLapsedOffers(),
      expiredEntries: tx.waitlist.expireBefore(localDateOf(this.clock.now(), this.timeZone)),
    }));
    let offered = 0;
    for (const slotId of this.store.waitlist.freedQueue(QUEUE_BATCH)) {
      if (this.store.transaction((tx) => this.offerIn(tx, slotId))) offered += 1;
    }
    return { offered, lapsed, expiredEntries };
  }

  private takeIn(tx: Repositories, accountId: string, offerId: string, policyVersion: string): TakeOutcome {
    const offer = tx.waitlist.offer(offerId);
    const entry = offer && tx.waitlist.findOwned(accountId, offer.entryId);
    if (!offer || !entry) return { ok: false, reason: "not_found" };
    const earlier = tx.bookings.findByDraftKey(accountId, offerId);
    if (earlier) return holdsSlot(earlier.status) ? { ok: true, booking: viewOf(earlier), repeated: true } : { ok: false, reason: "passed" };
    if (tx.accounts.blockOf(accountId)) return { ok: false, reason: "blocked" };
    if (offer.status !== "open" || offer.expiresAt <= this.clock.now().toISOString()) return { ok: false, reason: "passed" };
    const person = tx.patients.linkedPersonFor(accountId, entry.patientId);
    const account = tx.accounts.find(accountId);
    if (!person || !account) return { ok: false, reason: "not_found" };
    const request = {
      accountId,
      channel: account.channel,
      relation: person.relation,
      representativeConfirmed: person.representativeConfirmed,
      person: { iin: person.iin, fullName: person.fullName, phone: person.phone, phoneConfirmed: person.phoneConfirmed },
      serviceId: entry.serviceId,
      slotId: offer.slotId,
      policyVersion,
      draftKey: offerId,
      offerId,
    };
    const outcome = tx.catalog.service(entry.serviceId)?.course ? this.takeCourseIn(tx, { ...request, patientId: entry.patientId }) : this.bookings.bookIn(tx, request);
    if (outcome.ok) {
      tx.waitlist.closeOffer(offerId, "taken");
      tx.waitlist.end(entry.id, "booked");
      // For the fund's reporting: of the month's bookings, how many came from the waiting list.
      if (!outcome.repeated) tx.monthlyCounts.offerTaken(entry.serviceId, outcome.booking.startsAt);
    } else {
      // The person cannot have it (a limit, an overlap, the slot gone): the next person may.
      tx.waitlist.closeOffer(offerId, "declined");
      tx.waitlist.slotFreed(offer.slotId);
    }
    return outcome;
  }

  /** An offer for a course books the whole course from the offered time, as the family would have planned it. */
  private takeCourseIn(tx: Repositories, request: Parameters<CourseService["bookFromOfferIn"]>[1]): TakeOutcome {
    const outcome = this.courses.bookFromOfferIn(tx, request);
    if (outcome.ok) return { ok: true, booking: outcome.sessions[0]!, repeated: outcome.repeated, sessions: outcome.sessions };
    if (outcome.reason === "overlap" || outcome.reason === "limit") return outcome;
    if (outcome.reason === "no_consent" || outcome.reason === "blocked" || outcome.reason === "draft_cancelled") return { ok: false, reason: outcome.reason };
    // No whole course can be planned from the offered time: the slot passes on.
    return { ok: false, reason: "slot_unavailable" };
  }

  private offerIn(tx: Repositories, slotId: string): boolean {
    tx.waitlist.dequeue(slotId);
    const slot = tx.catalog.slot(slotId);
    if (!slot || !tx.availability.isBookable(slot) || tx.waitlist.isOffered(slotId)) return false;
    const now = this.clock.now().getTime();
    // The hold never runs past the time a booking of the slot is still allowed.
    const bookableUntil = Date.parse(slot.startsAt) - BOOKING_LEAD_MINUTES * 60_000;
    const holdUntil = new Date(Math.min(now + this.holdMinutes * 60_000, bookableUntil)).toISOString();
    for (const entry of tx.waitlist.candidatesFor(slotId, slot.doctorId, localDateOf(slot.startsAt, this.timeZone))) {
      if (!mayBeOffered(tx, entry) || !tx.catalog.provides(slot.doctorId, entry.serviceId)) continue;
      // A place in the slot for this service: the slot is free, or a group's slot has a seat left.
      if (!tx.bookings.hasPlaceFor(slotId, entry.serviceId, capacityOf(tx, entry.serviceId))) continue;
      const course = tx.catalog.service(entry.serviceId)?.course;
      if (course && !mayStartOn(course, localDateOf(slot.startsAt, this.timeZone))) continue;
      const offerId = tx.waitlist.insertOffer(slotId, entry.id, holdUntil);
      tx.patientOutbox.enqueue(entry.accountId, {
        kind: "waitlist_offer",
        offerId,
        serviceId: entry.serviceId,
        doctorId: slot.doctorId,
        startsAt: slot.startsAt,
        holdUntil,
        patientName: tx.patients.personFor(entry.accountId, entry.patientId).fullName,
      });
      return true;
    }
    return false;
  }
}

/** No offer to an account that restricted processing or whose consent is not in force (policy §8). */
function mayBeOffered(tx: Repositories, entry: WaitlistEntry): boolean {
  const account = tx.accounts.find(entry.accountId);
  if (!account || account.blockedAt !== null || tx.accounts.chatIdOf(entry.accountId) === undefined) return false;
  return tx.accounts.currentConsent(entry.accountId, "processing")?.granted === true;
}
