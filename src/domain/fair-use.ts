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
}

export interface WantedBooking {
  /** Undefined when the account has never booked for this person. */
  patientId: string | undefined;
  serviceId: string;
  startsAt: string;
  endsAt: string;
}

export type LimitName = "person" | "person_service" | "account";

export type FairUse = { ok: true } | { ok: false; reason: "overlap"; bookingId: string } | { ok: false; reason: "limit"; limit: LimitName; max: number };

/** Whether the account may add this booking to the upcoming ones it holds; an overlap is named first. */
export function checkFairUse(held: readonly HeldBooking[], wanted: WantedBooking, limits: BookingLimits): FairUse {
  const theirs = held.filter((booking) => booking.patientId === wanted.patientId);
  const overlapping = theirs.find((booking) => booking.startsAt < wanted.endsAt && wanted.startsAt < booking.endsAt);
  if (overlapping) return { ok: false, reason: "overlap", bookingId: overlapping.id };
  if (theirs.length >= limits.perPerson) return { ok: false, reason: "limit", limit: "person", max: limits.perPerson };
  const sameService = theirs.filter((booking) => booking.serviceId === wanted.serviceId);
  if (sameService.length >= limits.perPersonAndService) return { ok: false, reason: "limit", limit: "person_service", max: limits.perPersonAndService };
  if (held.length >= limits.perAccount) return { ok: false, reason: "limit", limit: "account", max: limits.perAccount };
  return { ok: true };
}
