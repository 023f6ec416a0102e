/**
 * Fair use of a free service: one person cannot be in two places at once, and nobody may hold more
 * upcoming appointments than the fund allows. Counted within one account, because an IIN typed in a
 * chat is only a claim: counting another account's bookings under the same IIN would let anyone fill
 * someone else's quota, or learn of their appointments, by typing their IIN.
 */

export interface BookingLimits {
  /** Upcoming bookings one person may hold. */
  perPerson: number;
  /** Upcoming bookings one person may hold for one service. */
  perPersonAndService: number;
  /** Upcoming bookings one account may hold, for all its people together. */
  perAccount: number;
}

export const DEFAULT_BOOKING_LIMITS: BookingLimits = { perPerson: 3, perPersonAndService: 2, perAccount: 8 };

/** An upcoming active booking of the account, as the rule needs it. */
export interface HeldBooking {
  id: string;
  patientId: string;
  serviceId: string;
  startsAt: string;
  endsAt: string;
  /** The sessions of one course count as one booking towards the limits. */
  courseId?: string;
}

export interface WantedBooking {
  /** Undefined when the account has never booked for this person. */
  patientId: string | undefined;
  serviceId: string;
  startsAt: string;
  endsAt: string;
  /** A session of a course the account holds already (moving it): the limits are not asked again. */
  courseId?: string;
}

/** A whole course wanted at once: every session is checked for overlaps, the course counts once. */
export interface WantedCourse {
  patientId: string | undefined;
  serviceId: string;
  sessions: readonly { startsAt: string; endsAt: string }[];
}

export type LimitName = "person" | "person_service" | "account";

export type FairUse = { ok: true } | { ok: false; reason: "overlap"; bookingId: string } | { ok: false; reason: "limit"; limit: LimitName; max: number };

/** Whether the account may add this booking to the upcoming ones it holds; an overlap is named first. */
export function checkFairUse(held: readonly HeldBooking[], wanted: WantedBooking, limits: BookingLimits): FairUse {
  const overlap = overlapOf(held, wanted.patientId, [wanted]);
  if (overlap) return overlap;
  if (wanted.courseId !== undefined && held.some((booking) => booking.courseId === wanted.courseId)) return { ok: true };
  return limitsFor(held, wanted.patientId, wanted.serviceId, limits);
}

/** The same rule for a course booked whole: no session may overlap, and the course is one booking. */
export function checkCourseFairUse(held: readonly HeldBooking[], wanted: WantedCourse, limits: BookingLimits): FairUse {
  return overlapOf(held, wanted.patientId, wanted.sessions) ?? limitsFor(held, wanted.patientId, wanted.serviceId, limits);
}

function overlapOf(held: readonly HeldBooking[], patientId: string | undefined, times: readonly { startsAt: string; endsAt: string }[]): FairUse | undefined {
  const overlapping = held.find((booking) => booking.patientId === patientId && times.some((time) => booking.startsAt < time.endsAt && time.startsAt < booking.endsAt));
  return overlapping && { ok: false, reason: "overlap", bookingId: overlapping.id };
}

function limitsFor(held: readonly HeldBooking[], patientId: string | undefined, serviceId: string, limits: BookingLimits): FairUse {
  const theirs = held.filter((booking) => booking.patientId === patientId);
  if (countOf(theirs) >= limits.perPerson) return { ok: false, reason: "limit", limit: "person", max: limits.perPerson };
  const sameService = theirs.filter((booking) => booking.serviceId === serviceId);
  if (countOf(sameService) >= limits.perPersonAndService) return { ok: false, reason: "limit", limit: "person_service", max: limits.perPersonAndService };
  if (countOf(held) >= limits.perAccount) return { ok: false, reason: "limit", limit: "account", max: limits.perAccount };
  return { ok: true };
}

/** Bookings as the limits count them: a course's sessions are one. */
function countOf(bookings: readonly HeldBooking[]): number {
  return new Set(bookings.map((booking) => booking.courseId ?? booking.id)).size;
}
