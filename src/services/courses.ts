import type { Clock } from "../clock";
import { holdsSlot, isOpen, isTooLateToChange } from "../domain/booking-status";
import type { CourseRule } from "../domain/catalog";
import type { ChannelName } from "../domain/channel";
import { courseSpanDays, isWholePlan, mayStartOn, planCourse, type PlannedSession } from "../domain/courses";
import { checkCourseFairUse, type BookingLimits } from "../domain/fair-use";
import { planReminders } from "../domain/reminders";
import { addDays, localDateOf, zonedWallTimeToInstant } from "../domain/slots";
import type { Repositories, Store } from "../store";
import type { FreeSlot } from "../store/availability";
import type { SlotView } from "../store/catalog";
import { viewOf, type BookingRecord, type BookingView } from "../store/bookings";
import { admissionRefusal, capacityOf, fairUseRefusal, isActiveSlotConflict, savePersonIn, type BookingRequest, type FairUseRefusal, type ReminderPlan } from "./bookings";
import { noticeAbout } from "./staff-notices";

/** A course confirmed whole: the person and the slots of its sessions, in order, the first one first. */
export interface CourseRequest extends Omit<BookingRequest, "slotId"> {
  slotIds: string[];
}

/**
 * `session_taken`: that session's time was taken (or closed) since the plan was shown, and nothing was
 * written; the plan is to be made again. `repeated`: this draft's course was already booked.
 */
export type CourseOutcome =
  | { ok: true; sessions: BookingView[]; repeated: boolean }
  | { ok: false; reason: "session_taken"; session: number }
  | { ok: false; reason: "not_a_course" | "no_consent" | "blocked" | "draft_cancelled" }
  | FairUseRefusal;

export interface CourseQuestion {
  accountId: string;
  /** The person's IIN: their other appointments are kept clear of the plan. */
  iin: string;
  serviceId: string;
  firstSlotId: string;
}

/** The sessions of a course as its family sees them in /appointments. */
export interface CourseProgress {
  courseId: string;
  serviceId: string;
  doctorId: string;
  patientName: string;
  count: number;
  /** Sessions held so far or ahead, cancelled ones left out. */
  sessions: BookingView[];
  /** The next session still to come, with its number. */
  next: BookingView | undefined;
}

/** `tooClose`: sessions still ahead but within CHANGE_CUTOFF_HOURS, left for the clinic to cancel by phone. */
export type CancelRestOutcome = { ok: true; cancelled: BookingView[]; tooClose: BookingView[] } | { ok: false; reason: "not_found" | "nothing_ahead" };

/**
 * Courses of therapy (issue 12): planned from the first session's slot, booked whole in one immediate
 * transaction (all sessions or none), and cancelled from a session on. Each session is an ordinary
 * booking with its number in the course, so reminders, moving, staff cards and erasure work on it as on
 * any other.
 */
export class CourseService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly limits: BookingLimits,
    private readonly reminderPlan: ReminderPlan,
    private readonly changeCutoffHours: number,
  ) {}

  /**
   * The course's sessions from the chosen first slot: each at the same time of day in the course's
   * rhythm, or at the nearest free time when that one is not free. Undefined when the service is not a
   * course or the slot is unknown; empty when the first slot itself is no longer free.
   */
  plan(question: CourseQuestion): PlannedSession<FreeSlot>[] | undefined {
    const { store } = this;
    const rule = store.catalog.service(question.serviceId)?.course;
    const first = store.catalog.slot(question.firstSlotId);
    if (!rule || !first) return undefined;
    const free = this.freeForCourse(store, first, rule, question.serviceId);
    const patientId = store.patients.findIdByIin(question.iin);
    const busy = patientId === undefined ? [] : store.bookings.upcomingHeldBy(question.accountId).filter((held) => held.patientId === patientId);
    const firstFree = free.find((slot) => slot.id === first.id);
    return firstFree ? planCourse(firstFree, rule, free, busy, this.reminderPlan.timeZone) : [];
  }

  /**
   * The fair-use rule for a planned course, so the dialogue can explain a refusal before the summary;
   * `book` checks it again inside its transaction.
   */
  fairUse(question: { accountId: string; iin: string; serviceId: string; sessions: readonly { startsAt: string; endsAt: string }[] }): FairUseRefusal | undefined {
    // Like a single booking's check: one snapshot, no write lock; bookCourse checks again under it.
    return this.store.reading((tx) => {
      const patientId = tx.patients.findIdByIin(question.iin);
      const known = patientId !== undefined && tx.patients.isLinked(question.accountId, patientId) ? patientId : undefined;
      return fairUseRefusal(tx, question.accountId, checkCourseFairUse(tx.bookings.upcomingHeldBy(question.accountId), { patientId: known, serviceId: question.serviceId, sessions: question.sessions }, this.limits));
    });
  }

  /**
   * Books every session of the course, or none: one immediate transaction checks each slot again and
   * writes the person, the sessions, their reminders and one staff notice each (which the staff group
   * reads as one digest). A session taken meanwhile fails the whole course with its number.
   */
  book(request: CourseRequest): CourseOutcome {
    try {
      return this.store.transaction((tx) => this.bookIn(tx, request));
    } catch (error) {
      // The unique index caught what the checks could not see: nothing was written.
      if (isActiveSlotConflict(error)) return { ok: false, reason: "session_taken", session: 1 };
      throw error;
    }
  }

  /** The account's courses that still have a session ahead, for /appointments. */
  coursesOf(accountId: string): CourseProgress[] {
    const now = this.clock.now().toISOString();
    const byCourse = new Map<string, BookingRecord[]>();
    for (const booking of this.store.bookings.allFor(accountId)) {
      if (!booking.course || !isOpen(booking.status)) continue;
      byCourse.set(booking.course.id, [...(byCourse.get(booking.course.id) ?? []), booking]);
    }
    const courses: CourseProgress[] = [];
    for (const [courseId, sessions] of byCourse) {
      const next = sessions.find((session) => session.startsAt >= now);
      if (!next) continue;
      courses.push({ courseId, serviceId: next.serviceId, doctorId: next.doctorId, patientName: next.patientName, count: next.course!.count, sessions: sessions.map(viewOf), next: viewOf(next) });
    }
    return courses.sort((a, b) => a.next!.startsAt.localeCompare(b.next!.startsAt));
  }

  /**
   * Cancels every session of the course still ahead and not yet too close to change (a session within
   * CHANGE_CUTOFF_HOURS is the clinic's to cancel by phone); staff get one notice for them all.
   */
  cancelRest(accountId: string, courseId: string, channel: ChannelName): CancelRestOutcome {
    return this.store.transaction((tx): CancelRestOutcome => {
      const now = this.clock.now();
      const sessions = tx.bookings.allFor(accountId).filter((booking) => booking.course?.id === courseId);
      if (sessions.length === 0) return { ok: false, reason: "not_found" };
      const open = sessions.filter((session) => isOpen(session.status) && session.startsAt >= now.toISOString());
      const ahead = open.filter((session) => !isTooLateToChange(session.startsAt, now, this.changeCutoffHours));
      const tooClose = open.filter((session) => isTooLateToChange(session.startsAt, now, this.changeCutoffHours)).map(viewOf);
      if (ahead.length === 0) return { ok: false, reason: "nothing_ahead" };
      for (const session of ahead) tx.bookings.markCancelled(session.id, "patient");
      const first = ahead[0]!;
      tx.staffOutbox.enqueue({
        ...noticeAbout("cancelled", first, tx.patients.personFor(accountId, first.patientId), channel),
        courseCancelled: { sessions: ahead.map((session) => ({ number: session.number, startsAt: session.startsAt })) },
      });
      return { ok: true, cancelled: ahead.map(viewOf), tooClose };
    });
  }

  /**
   * A course planned and booked from a waiting-list offer's slot (held for this family), in the caller's
   * transaction: the first session at the offered time, the others in the rhythm. `not_a_course` when
   * no whole plan can be made from it.
   */
  bookFromOfferIn(tx: Repositories, request: Omit<CourseRequest, "slotIds"> & { slotId: string; patientId: string }): CourseOutcome {
    const rule = tx.catalog.service(request.serviceId)?.course;
    const first = tx.catalog.slot(request.slotId);
    if (!rule || !first || !mayStartOn(rule, localDateOf(first.startsAt, this.reminderPlan.timeZone))) return { ok: false, reason: "not_a_course" };
    const busy = tx.bookings.upcomingHeldBy(request.accountId).filter((held) => held.patientId === request.patientId);
    const plan = planCourse(first, rule, this.freeForCourse(tx, first, rule, request.serviceId), busy, this.reminderPlan.timeZone);
    if (!isWholePlan(plan)) return { ok: false, reason: "not_a_course" };
    return this.bookIn(tx, { ...request, slotIds: plan.map((session) => session.slot.id) });
  }

  /** The specialist's free slots for the service from now to as far as a course from `first` can reach. */
  private freeForCourse(repos: Pick<Repositories, "availability">, first: SlotView, rule: CourseRule, serviceId: string): FreeSlot[] {
    const { timeZone } = this.reminderPlan;
    const until = zonedWallTimeToInstant(addDays(localDateOf(first.startsAt, timeZone), courseSpanDays(rule) + 1), "00:00", timeZone).toISOString();
    return repos.availability.freeSlotsUntil(first.doctorId, serviceId, until);
  }

  /** `book` inside a transaction the caller holds. */
  bookIn(tx: Repositories, request: CourseRequest): CourseOutcome {
    const earlier = tx.bookings.findByDraftKey(request.accountId, request.draftKey);
    if (earlier) {
      if (!holdsSlot(earlier.status) || !earlier.course) return { ok: false, reason: "draft_cancelled" };
      const sessions = tx.bookings.allFor(request.accountId).filter((booking) => booking.course?.id === earlier.course!.id && holdsSlot(booking.status));
      return { ok: true, sessions: sessions.map(viewOf), repeated: true };
    }
    const refused = admissionRefusal(tx, request.accountId, request.policyVersion);
    if (refused) return { ok: false, reason: refused };
    const rule = tx.catalog.service(request.serviceId)?.course;
    if (!rule || request.slotIds.length !== rule.sessions) return { ok: false, reason: "not_a_course" };

    const capacity = capacityOf(tx, request.serviceId);
    // The same specialist throughout: the first session's.
    const specialist = tx.catalog.slot(request.slotIds[0]!)?.doctorId;
    const slots = [];
    for (const [index, slotId] of request.slotIds.entries()) {
      const slot = tx.catalog.slot(slotId);
      const usable =
        slot &&
        slot.doctorId === specialist &&
        tx.availability.isBookable(slot) &&
        tx.catalog.provides(slot.doctorId, request.serviceId) &&
        tx.bookings.hasPlaceFor(slot.id, request.serviceId, capacity) &&
        isFreeOfHolds(tx, slot.id, request.offerId) &&
        request.slotIds.indexOf(slotId) === index;
      if (!usable) return { ok: false, reason: "session_taken", session: index + 1 };
      slots.push(slot);
    }

    const existingPatientId = tx.patients.findIdByIin(request.person.iin);
    const known = existingPatientId !== undefined && tx.patients.isLinked(request.accountId, existingPatientId) ? existingPatientId : undefined;
    const unfair = fairUseRefusal(tx, request.accountId, checkCourseFairUse(tx.bookings.upcomingHeldBy(request.accountId), { patientId: known, serviceId: request.serviceId, sessions: slots }, this.limits));
    if (unfair) return unfair;
    const { patientId } = savePersonIn(tx, request, existingPatientId, this.clock.now().toISOString());

    const courseId = tx.bookings.newCourseId();
    const sessions = slots.map((slot, index): BookingView => {
      const course = { id: courseId, number: index + 1, count: slots.length };
      const { id, number } = tx.bookings.insert({
        accountId: request.accountId,
        patientId,
        slotId: slot.id,
        serviceId: request.serviceId,
        seat: tx.bookings.freeSeat(slot.id, capacity),
        course,
        // The first session carries the draft's key: confirming the same draft again finds the course.
        ...(index === 0 ? { draftKey: request.draftKey } : {}),
      });
      tx.reminders.plan(id, planReminders(slot.startsAt, this.reminderPlan.offsetsHours, this.clock.now(), this.reminderPlan.timeZone));
      const booking = { id, number, serviceId: request.serviceId, doctorId: slot.doctorId, startsAt: slot.startsAt, patientName: request.person.fullName, course };
      tx.staffOutbox.enqueue(noticeAbout("booked", booking, request.person, request.channel));
      return booking;
    });
    return { ok: true, sessions, repeated: false };
  }
}

/** A slot held for someone on the waiting list is theirs alone until the hold ends: free only to that offer. */
function isFreeOfHolds(tx: Repositories, slotId: string, offerId: string | undefined): boolean {
  const hold = tx.waitlist.holdOn(slotId);
  return !hold || hold.id === offerId;
}
